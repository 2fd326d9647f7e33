"""JupyterHub and Binder: the nbgitpuller link, an offline pull that keeps a learner's edits, and
repo2docker finding the environment (without Docker)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from pannet_edu import cli, hub

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/example/pannet-edu"


def test_link_carries_repo_branch_and_start_page_for_nbgitpuller():
    link = hub.nbgitpuller_link("https://hub.example.edu/", repo=REPO, branch="course-2027")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "hub.example.edu", "/hub/user-redirect/git-pull"
    )
    query = parse_qs(parts.query)
    assert query == {
        "repo": [REPO],
        "branch": ["course-2027"],
        "urlpath": ["lab/tree/pannet-edu/notebooks/00_start_here.ipynb"],
    }


def test_voila_link_opens_the_dashboard_without_code():
    link = hub.nbgitpuller_link("https://hub.example.edu", repo=REPO + ".git", app="voila",
                                path="pannet_edu/app/dashboard.ipynb")
    urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
    # nbgitpuller clones ".../pannet-edu.git" into "pannet-edu.git" (issue 23, item 1)
    assert urlpath == "voila/render/pannet-edu.git/pannet_edu/app/dashboard.ipynb"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hub": "hub.example.edu"}, "hub must be a web address starting with https://"),
        ({"hub": "ftp://hub.example.edu"}, "hub must be a web address"),
        ({"hub": "https://hub.example.edu/?next=x"}, "hub must be a plain address"),
        ({"repo": "git@github.com:o/r.git"}, "repo must be a web address"),
        ({"branch": "main; rm -rf"}, "branch must be a git branch name"),
        ({"path": "/etc/passwd"}, "path must be a file inside the repository"),
        ({"app": "notebook"}, "app must be 'lab' or 'voila'"),
    ],
)
def test_bad_link_arguments_are_refused_naming_them(kwargs, message):
    arguments = {"hub": "https://hub.example.edu", "repo": REPO, **kwargs}
    with pytest.raises(ValueError, match=message):
        hub.nbgitpuller_link(arguments.pop("hub"), **arguments)


def test_cli_hub_link_prints_the_link_and_refuses_a_bad_hub(capsys):
    assert cli.main(["hub-link", "--hub", "https://hub.example.edu", "--repo", REPO]) == 0
    assert capsys.readouterr().out.strip() == hub.nbgitpuller_link(
        "https://hub.example.edu", repo=REPO)
    assert cli.main(["hub-link", "--hub", "hub.example.edu", "--repo", REPO]) == 2
    assert "hub must be a web address" in capsys.readouterr().err


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Teacher", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="Teacher", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def test_nbgitpuller_pulls_an_update_without_overwriting_a_learners_edit(tmp_path, monkeypatch):
    """The course repository is a local clone (no network): nbgitpuller's own puller clones it
    into a learner's home, the teacher then changes a lesson and adds one, and a second pull
    brings the new lesson while the lesson the learner edited keeps the learner's text."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    puller = pytest.importorskip("nbgitpuller.pull", reason="nbgitpuller missing (lab extra)")
    monkeypatch.setenv("HOME", str(tmp_path))  # nbgitpuller's own commits use this identity
    for key, value in (("GIT_AUTHOR_NAME", "Learner"), ("GIT_AUTHOR_EMAIL", "l@example.org"),
                       ("GIT_COMMITTER_NAME", "Learner"),
                       ("GIT_COMMITTER_EMAIL", "l@example.org")):
        monkeypatch.setenv(key, value)
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    _git(course, "init", "-q", "-b", "main")
    (course / "notebooks" / "01_lesson.ipynb").write_text('{"teacher": 1}\n')
    (course / "notebooks" / "02_lesson.ipynb").write_text('{"teacher": 1}\n')
    _git(course, "add", ".")
    _git(course, "commit", "-q", "-m", "lessons")

    home = tmp_path / "learner" / "course"
    for _ in puller.GitPuller(str(course), str(home), branch="main", depth=None).pull():
        pass
    assert (home / "notebooks" / "01_lesson.ipynb").read_text() == '{"teacher": 1}\n'

    (home / "notebooks" / "01_lesson.ipynb").write_text('{"learner notes": true}\n')
    (course / "notebooks" / "01_lesson.ipynb").write_text('{"teacher": 2}\n')
    (course / "notebooks" / "02_lesson.ipynb").write_text('{"teacher": 2}\n')
    (course / "notebooks" / "03_new_lesson.ipynb").write_text('{"teacher": 2}\n')
    _git(course, "add", ".")
    _git(course, "commit", "-q", "-m", "update")

    for _ in puller.GitPuller(str(course), str(home), branch="main", depth=None).pull():
        pass
    assert (home / "notebooks" / "01_lesson.ipynb").read_text() == '{"learner notes": true}\n'
    assert (home / "notebooks" / "02_lesson.ipynb").read_text() == '{"teacher": 2}\n'
    assert (home / "notebooks" / "03_new_lesson.ipynb").read_text() == '{"teacher": 2}\n'


def test_repo2docker_builds_from_environment_yml_without_test_browsers(tmp_path):
    """`jupyter-repo2docker --no-build` writes the image recipe without Docker: it must pick the
    conda environment file, and what the image installs must not include Playwright."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.is_file():
        pytest.skip("jupyter-repo2docker not installed (pip install -e '.[test]')")
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("environment.yml", "pyproject.toml", "README.md", "postBuild"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(ROOT / "notebooks", copy / "notebooks")
    result = subprocess.run(
        [str(exe), "--no-build", "--no-run", "--debug", str(copy)],
        capture_output=True, text=True, timeout=120,
    )
    recipe = result.stdout + result.stderr
    assert result.returncode == 0, recipe[-2000:]
    assert '--file "environment.yml"' in recipe
    # The image draws the tools' figures once at build time (every learner's first view is read).
    assert "RUN ./postBuild" in recipe
    assert "pannet-edu warm" in (ROOT / "postBuild").read_text()
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    text = yaml.safe_dump(environment)
    assert "playwright" not in text
    pip_lines = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert all("test" not in line for line in pip_lines)
    assert (copy / "notebooks" / "00_start_here.ipynb").is_file()  # Binder's urlpath target
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in (
        ROOT / "docs" / "teaching.md").read_text()


# --- issue 25 item 8 and issue 23 item 1: what a link sent to a whole class may carry -----------


@pytest.mark.parametrize(
    ("repo", "folder"),
    [
        ("https://github.com/o/pannet-edu", "pannet-edu"),
        ("https://github.com/o/pannet-edu.git", "pannet-edu.git"),
        ("https://github.com/o/pannet-edu.git/", "pannet-edu.git"),
    ],
)
def test_the_link_opens_the_folder_nbgitpuller_clones_into(repo, folder):
    # nbgitpuller's git-pull handler: targetPath defaults to repo.rstrip('/').split('/')[-1]
    link = hub.nbgitpuller_link("https://hub.example.edu", repo=repo)
    urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
    assert urlpath == f"lab/tree/{folder}/notebooks/00_start_here.ipynb"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"repo": "https://teacher:ghp_s3cret@github.com/o/pannet-edu"}, "user name or password"),
        ({"repo": "https://github.com@evil.example/o/pannet-edu"}, "user name or password"),
        ({"hub": "https://hub.example.edu@evil.example"}, "user name or password"),
        ({"repo": "https://github.com/o/.."}, "repo must end in a repository name"),
        ({"repo": "https://github.com/o/%2e%2e"}, "repo must end in a repository name"),
        ({"repo": "https://github.com/"}, "repo must end in a repository name"),
        ({"hub": "https://hub.example.edu\r\nSet-Cookie: x=1"}, "hub must not contain"),
        ({"hub": "https://hub.example.edu\x1b[2J"}, "hub must not contain"),
        ({"hub": "https://hub.exa\u200bmple.edu"}, "hub must not contain"),
        ({"repo": "https://github.com/o/pannet-edu\t"}, None),  # trailing white space is trimmed
        ({"path": "notebooks/\x0000_start_here.ipynb"}, "path must not contain"),
        ({"hub": "https://hub.example.edu:port"}, "port that is not a number"),
    ],
)
def test_credentials_hidden_hosts_traversal_and_control_characters_are_refused(kwargs, message):
    arguments = {"hub": "https://hub.example.edu", "repo": REPO, **kwargs}
    if message is None:
        assert hub.nbgitpuller_link(arguments.pop("hub"), **arguments)
        return
    with pytest.raises(ValueError, match=message) as caught:
        hub.nbgitpuller_link(arguments.pop("hub"), **arguments)
    assert "s3cret" not in str(caught.value)  # the message never repeats a password


def test_cli_hub_link_refuses_credentials_in_one_line(capsys):
    code = cli.main(["hub-link", "--hub", "https://hub.example.edu",
                     "--repo", "https://teacher:s3cret@github.com/o/pannet-edu"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "user name or password" in captured.err and "s3cret" not in captured.err


# --- issue 23 item 2: each lesson once in the file browser of any server, a hub learner's too ----


def test_the_server_extension_leaves_lesson_sources_out_of_folder_listings(tmp_path):
    import asyncio
    import logging
    from types import SimpleNamespace

    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("00_start_here.py", "00_start_here.ipynb", "_template.py"):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    (folder / "my_analysis.py").write_text("print('mine')\n")  # a learner's own script
    app = SimpleNamespace(contents_manager=AsyncLargeFileManager(root_dir=str(tmp_path)),
                          log=logging.getLogger("test"))
    assert hub._jupyter_server_extension_points() == [{"module": "pannet_edu.hub"}]
    hub._load_jupyter_server_extension(app)
    listing = asyncio.run(app.contents_manager.get("notebooks"))
    assert sorted(e["name"] for e in listing["content"]) == ["00_start_here.ipynb",
                                                             "my_analysis.py"]
    source = asyncio.run(app.contents_manager.get("notebooks/00_start_here.py"))
    assert source["name"] == "00_start_here.py"  # hidden from the listing, still opens


def test_the_extension_is_switched_on_by_every_install_path():
    import json
    import tomllib

    config = "jupyter-config/jupyter_server_config.d/pannet_edu.json"
    assert json.loads((ROOT / config).read_text()) == {
        "ServerApp": {"jpserver_extensions": {"pannet_edu.hub": True}}}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["tool"]["setuptools"]["data-files"] == {
        "etc/jupyter/jupyter_server_config.d": [config]}
    target = "etc/jupyter/jupyter_server_config.d/pannet_edu.json"
    for name in ("Makefile", "postBuild"):  # editable installs skip data-files
        text = (ROOT / name).read_text()
        assert config in text and target in text, name


def test_learners_jupyterlab_fetches_no_news_and_checks_for_no_update_by_every_install_path():
    import json

    settings = "jupyter-config/lab/overrides.json"
    notification = json.loads((ROOT / settings).read_text())[
        "@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    for name in ("Makefile", "postBuild"):  # make lab's environment and Binder's image
        text = (ROOT / name).read_text()
        assert settings in text and "share/jupyter/lab/settings/overrides.json" in text, name
        assert "test -e" in text  # a settings file already there is kept


def test_the_teaching_guide_says_a_learners_image_needs_jupyterhub():
    text = " ".join((ROOT / "docs" / "teaching.md").read_text().split())
    assert "The image also needs jupyterhub installed**, of the hub's major version" in text
    assert "`jupyterhub-singleuser`" in text
