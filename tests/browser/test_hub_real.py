"""A real JupyterHub class (issue 23, items 1 and 2): two learners follow the links that
``pannet-edu hub-link`` prints, in headless Chromium, and land on the start page.

Everything runs on 127.0.0.1: JupyterHub 6.1 with configurable-http-proxy, its dummy
authenticator (any name and password) and its local-process spawner (each learner's
``jupyterhub-singleuser`` runs from this environment, as from a hub's user image), and the course
repository served over git's smart HTTP (``git http-backend`` behind a small WSGI server) from a
bare clone of this checkout's files. nbgitpuller is the real one: the link logs the learner in,
starts their server, clones the repository into their home and opens the start page. One learner
gets the link for ``.../pannet-edu``, the other for ``.../pannet-edu.git`` (nbgitpuller then clones
into ``pannet-edu.git``). For each, the test checks:

- JupyterLab shows the start page, with its first heading, and no "Cannot open" dialog;
- the learner's server lists each lesson once (the contents API, which the file browser reads):
  no ``.py`` source and no ``_template.py``, though the files are in the learner's clone;
- saving the start page through the learner's server changes no tracked file but the notebook;
- the dashboard link (``hub-link --app voila``) opens the tools without code: the grading card
  shows the grade the package gives.

.ci/run installs configurable-http-proxy (npm); jupyterhub is in the ``test`` extra. Where either
is missing the test is skipped, except in CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from test_browser import (
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    Server,
    _expect_title,
    _expected_from_boxes,
    _free_port,
    _grading_tool,
)

from pannet_edu import cli

ROOT = Path(__file__).resolve().parents[2]
START_PAGE = "notebooks/00_start_here.ipynb"
PASSWORD = "class-" + secrets.token_hex(4)  # the dummy authenticator takes any
JUPYTERHUB = Path(sys.executable).with_name("jupyterhub")
SINGLEUSER = Path(sys.executable).with_name("jupyterhub-singleuser")
PROXY = shutil.which("configurable-http-proxy")


def _missing() -> str | None:
    if not JUPYTERHUB.is_file() or not SINGLEUSER.is_file():
        return "jupyterhub is not installed in this environment (pip install -e '.[test]')"
    if PROXY is None:
        return "configurable-http-proxy is not installed (npm install -g configurable-http-proxy)"
    if shutil.which("git") is None:
        return "git is not installed"
    return None


if _missing():
    if os.environ.get("CI"):
        pytest.fail(f"real-hub test cannot run in CI: {_missing()}", pytrace=False)
    pytest.skip(f"real-hub test skipped: {_missing()}", allow_module_level=True)


# --- the course repository over git's smart HTTP -------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Teacher", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="Teacher", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True, timeout=120).stdout


def _course_repository(served: Path, work: Path) -> None:
    """``served/pannet-edu.git``: a bare repository of this checkout's tracked files as they are
    on disk now (so uncommitted changes are tested too), one commit on ``main``; the same
    repository also answers as ``served/pannet-edu``."""
    for name in _git(ROOT, "ls-files", "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "course")
    _git(served, "clone", "-q", "--bare", str(work), "pannet-edu.git")
    (served / "pannet-edu").symlink_to("pannet-edu.git")


def _git_http_backend(root: Path):
    """A WSGI app running ``git http-backend`` (CGI) for each request, read-only."""

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        env = {"PATH": os.environ.get("PATH", ""), "GIT_PROJECT_ROOT": str(root),
               "GIT_HTTP_EXPORT_ALL": "1", "REMOTE_ADDR": "127.0.0.1",
               "PATH_INFO": environ.get("PATH_INFO", ""),
               "QUERY_STRING": environ.get("QUERY_STRING", ""),
               "REQUEST_METHOD": environ["REQUEST_METHOD"],
               "CONTENT_TYPE": environ.get("CONTENT_TYPE", ""),
               "CONTENT_LENGTH": str(len(body))}
        for key in ("HTTP_CONTENT_ENCODING", "HTTP_GIT_PROTOCOL"):
            if key in environ:
                env[key] = environ[key]
        if "HTTP_GIT_PROTOCOL" in environ:
            env["GIT_PROTOCOL"] = environ["HTTP_GIT_PROTOCOL"]
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True,
                             timeout=120).stdout
        separator = b"\r\n\r\n" if b"\r\n\r\n" in out else b"\n\n"
        head, _, payload = out.partition(separator)
        status, headers = "200 OK", []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = value.strip()
            elif name:
                headers.append((name, value.strip()))
        start_response(status, headers)
        return [payload]

    return app


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


# --- the hub -------------------------------------------------------------------------------------


def _hub_config(tmp: Path, port: int, hub_port: int, api_port: int) -> Path:
    args = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:  # containers: the learners' servers run as the hub's user, root
        args.append("--allow-root")
    config = tmp / "jupyterhub_config.py"
    config.write_text(f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{PROXY!r}]
c.JupyterHub.db_url = "sqlite:///{tmp / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(tmp / 'cookie_secret')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp / 'homes' / '{username}')!r}
c.Spawner.cmd = [{str(SINGLEUSER)!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"MPLBACKEND": "Agg"}}
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
""")
    return config


@pytest.fixture(scope="module")
def course_hub(tmp_path_factory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("hub")
    served, work = tmp / "served", tmp / "work"
    served.mkdir()
    work.mkdir()
    _course_repository(served, work)
    git_server = make_server("127.0.0.1", 0, _git_http_backend(served),
                             server_class=_ThreadingWSGIServer, handler_class=_Quiet)
    threading.Thread(target=git_server.serve_forever, daemon=True).start()
    git_base = f"http://127.0.0.1:{git_server.server_port}"

    port, hub_port, api_port = _free_port(), _free_port(), _free_port()
    config = _hub_config(tmp, port, hub_port, api_port)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    server = Server([str(JUPYTERHUB), "-f", str(config)], tmp, env, tmp / "hub.log")
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_until_up(port, f"{base}/hub/health")
        yield {"base": base, "git": git_base, "homes": tmp / "homes", "server": server}
    finally:
        server.terminate()  # the hub stops the learners' servers on its way out ...
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=90)  # (slow on a busy machine)
        server.wait_stopped()
        _stop_learner_servers(tmp / "jupyterhub.sqlite")  # ... and any it could not
        git_server.shutdown()
        git_server.server_close()


def _stop_learner_servers(database: Path) -> None:
    """Stop the learners' servers the hub recorded (each runs in a session of its own), if the
    hub was stopped before it stopped them: only processes that are still that command."""
    if not database.is_file():
        return
    with contextlib.closing(sqlite3.connect(database)) as db:
        states = [row[0] for row in db.execute("SELECT state FROM spawners")]
    for state in states:
        pid = (json.loads(state) if state else {}).get("pid")
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes() if pid else b""
        except OSError:
            continue
        if SINGLEUSER.name.encode() not in command:
            continue
        with contextlib.suppress(ProcessLookupError):  # its own group: server and kernels
            os.killpg(pid, signal.SIGTERM)
            for _ in range(20):
                time.sleep(0.5)
                if not Path(f"/proc/{pid}").exists():
                    break
            else:
                os.killpg(pid, signal.SIGKILL)


def _printed_link(capsys, hub_address: str, repo: str, *options: str) -> str:
    assert cli.main(["hub-link", "--hub", hub_address, "--repo", repo, *options]) == 0
    return capsys.readouterr().out.strip()


def _api(page, path: str, method: str = "GET", body: object = None) -> object:
    """A call to the learner's server from their page (their login cookie; xsrf for writes)."""
    answer = page.evaluate(
        """async ([path, method, body]) => {
            const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '';
            const response = await fetch(path, {method, headers: {'X-XSRFToken': xsrf,
                'Content-Type': 'application/json'}, body: body ? JSON.stringify(body) : null});
            return {status: response.status, text: await response.text()};
        }""",
        [path, method, body],
    )
    try:
        answer["json"] = json.loads(answer["text"])
    except ValueError:
        answer["json"] = None
    return answer


#: Two learners: one gets the link for the address without ``.git``, the other with it.
LEARNERS = (("ada", "pannet-edu"), ("ben", "pannet-edu.git"))


def _log_in(browser, link: str, learner: str):
    """Open ``link`` in a fresh browser profile and log in; return the page without waiting for
    what follows (the hub starts the server, nbgitpuller clones, JupyterLab opens)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    page.goto(link)
    page.locator("input[name=username]").fill(learner)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#login_submit").click()
    return context, page


def _lands_on_the_start_page(page, learner: str, folder: str) -> None:
    page.wait_for_url(f"**/user/{learner}/lab/tree/{folder}/{START_PAGE}", timeout=150_000)
    page.wait_for_function(
        "(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.title.label === name",
        arg=Path(START_PAGE).name,
    )
    heading = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first
    heading.wait_for()
    assert "start here" in heading.inner_text()
    assert page.locator(".jp-Dialog", has_text="Cannot open").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"hub_{learner}_start_page.png"))


def _lists_each_lesson_once(page, learner: str, folder: str, clone: Path) -> None:
    assert (clone / "notebooks" / "01_classification_and_staging.py").is_file()  # still on disk
    assert (clone / "notebooks" / "_template.py").is_file()
    for sub, lessons in (("notebooks", "notebooks/*.ipynb"),
                         ("exercises/solutions", "exercises/solutions/*.ipynb")):
        listing = _api(page, f"/user/{learner}/api/contents/{folder}/{sub}")
        assert listing["status"] == 200, listing
        names = sorted(item["name"] for item in listing["json"]["content"])
        assert not [n for n in names if n.endswith(".py")], names  # no source, no template
        assert [n for n in names if n.endswith(".ipynb")] == sorted(
            p.name for p in ROOT.glob(lessons))


def _saves_the_notebook_only(page, learner: str, folder: str, clone: Path) -> None:
    """A learner's save (Ctrl-S) through their own server, jupytext and all: only the notebook
    changes among the tracked files."""
    path = f"/user/{learner}/api/contents/{folder}/{START_PAGE}"
    model = _api(page, path)["json"]
    model["content"]["cells"][0]["source"] += "\n\nMy note."
    saved = _api(page, path, "PUT", {"type": "notebook", "format": "json",
                                     "content": model["content"]})
    assert saved["status"] == 200, saved
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                            cwd=clone, capture_output=True, text=True, check=True).stdout
    assert status.split("\n")[:-1] == [f" M {START_PAGE}"], status


def test_two_learners_follow_the_hub_links_to_the_start_page_and_see_each_lesson_once(
        course_hub, browser, capsys):
    sessions, dashboard = [], None
    try:
        for learner, repo_name in LEARNERS:  # both log in first: their servers start together
            link = _printed_link(capsys, course_hub["base"], f"{course_hub['git']}/{repo_name}")
            sessions.append((learner, repo_name, *_log_in(browser, link, learner)))
        for learner, folder, context, page in sessions:  # folder: nbgitpuller's, the address's end
            clone = course_hub["homes"] / learner / folder
            _lands_on_the_start_page(page, learner, folder)
            _lists_each_lesson_once(page, learner, folder, clone)
            _saves_the_notebook_only(page, learner, folder, clone)
            if dashboard is None:  # the first learner also opens the dashboard link (no code);
                # Voila builds it while the test goes on with the second learner
                dashboard = context.new_page()
                dashboard.set_default_timeout(RENDER_TIMEOUT_MS)
                dashboard.goto(_printed_link(
                    capsys, course_hub["base"], f"{course_hub['git']}/{folder}", "--app",
                    "voila", "--path", "pannet_edu/app/dashboard.ipynb"), wait_until="commit")
        dashboard.wait_for_url(f"**/user/{LEARNERS[0][0]}/voila/render/{LEARNERS[0][1]}/"
                               "pannet_edu/app/dashboard.ipynb**", timeout=150_000)
        tool = _grading_tool(dashboard)
        _expect_title(tool, _expected_from_boxes(tool))
        dashboard.screenshot(path=str(SCREENSHOTS / "hub_dashboard.png"))
    except Exception:
        print(course_hub["server"].log_tail())
        raise
    finally:
        for _, _, context, _ in sessions:
            context.close()
