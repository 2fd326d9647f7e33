"""The set-up and teaching commands the READMEs give exist as written: ``make`` targets in the
Makefile, ``pannet-edu`` subcommands the CLI accepts, and a JupyterLab set-up that works as root and
as a normal user, keeps its token, listens on 127.0.0.1 and shows each lesson once."""

from __future__ import annotations

import fnmatch
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from pannet_edu.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "teaching.md", ROOT / "exercises" / "README.md"]
#: `make X` in inline code, or a code-block line starting with ``make X``.
_MAKE = re.compile(r"(?:`|^)make ([a-z]+(?: [A-Z]+=[^\s`]+)?)(?=[`\s#]|$)", re.MULTILINE)
_CLI = re.compile(r"(?:\.venv/bin/)?pannet-edu ((?:app|handouts|exercises|quiz)\b[^`#\n]*)")


def _doc_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def test_the_docs_name_make_lab_app_handouts_and_test():
    named = {m.split()[0] for m in _MAKE.findall(_doc_text())}
    assert {"lab", "test", "app", "handouts"} <= named, named


def test_every_make_command_in_the_docs_is_a_makefile_target():
    targets = _make_targets()
    for command in _MAKE.findall(_doc_text()):
        assert command.split()[0] in targets, f"docs say `make {command}`; Makefile has {targets}"


def test_every_pannet_edu_command_in_the_docs_parses():
    commands = [c.strip().rstrip(".,;") for c in _CLI.findall(_doc_text())]
    assert any(c.startswith("handouts") for c in commands)
    assert any(c.startswith("app") for c in commands)
    parser = build_parser()
    for command in commands:
        words = [w for w in shlex.split(command) if not w.startswith("[")]
        words = [w.strip("[]") for w in words if w not in {"...", "DIR"}]
        try:
            parser.parse_args(words)
        except SystemExit:
            pytest.fail(f"the docs give `pannet-edu {command}`, which the CLI rejects")


def _dry_run(target: str, path_prefix: Path | None = None, *extra: str) -> str:
    env = None
    if path_prefix is not None:
        import os

        env = dict(os.environ, PATH=f"{path_prefix}:{os.environ['PATH']}")
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "-C", str(ROOT), target, *extra],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    return done.stdout


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _lab_line(output: str) -> list[str]:
    line = next(line for line in output.splitlines() if "jupyter lab" in line)
    return shlex.split(line)


@needs_make
@pytest.mark.parametrize("uid", ["0", "1000"])
def test_make_lab_allows_root_only_for_root_and_keeps_the_token(tmp_path, uid):
    fake_id = tmp_path / "id"
    fake_id.write_text(f"#!/bin/sh\necho {uid}\n")
    fake_id.chmod(0o755)
    words = _lab_line(_dry_run("lab", tmp_path))
    assert ("--allow-root" in words) is (uid == "0")
    assert "--ip=127.0.0.1" in words
    assert not any("token" in w.lower() or "password" in w.lower() for w in words), words
    assert "--ServerApp.root_dir=." in words  # the whole checkout: lessons and exercises
    config = next(w.split("=", 1)[1] for w in words if w.startswith("--config="))
    assert (ROOT / config).is_file()
    start = next(w.split("=", 1)[1] for w in words if w.startswith("--LabApp.default_url="))
    assert (ROOT / start.removeprefix("/lab/tree/")).is_file()


@needs_make
def test_make_lab_draws_the_tools_figures_in_the_background_before_the_server(tmp_path):
    lines = _dry_run("lab", tmp_path).splitlines()
    warm = next(i for i, line in enumerate(lines) if "pannet-edu warm" in line)
    lab = next(i for i, line in enumerate(lines) if "jupyter lab" in line)
    assert warm < lab and shlex.split(lines[warm])[1:] == ["warm", "--background"]


@needs_make
def test_make_app_and_handouts_run_the_cli():
    assert _dry_run("app").splitlines()[-1].endswith("pannet-edu app")
    handouts = _dry_run("handouts", None, "PDF=1").splitlines()[-1]
    assert handouts.endswith("pannet-edu handouts --out handouts --pdf")
    build_parser().parse_args(shlex.split(handouts)[1:])
    assert "--pdf" not in _dry_run("handouts").splitlines()[-1]


@needs_make
def test_pip_runs_quietly_in_the_install_rule():
    # -B: as on a first run, when the install rule runs (later runs skip it)
    pip_lines = [line for line in _dry_run("lab", None, "-B").splitlines() if " -m pip " in line]
    assert pip_lines and all("--quiet" in line for line in pip_lines)
    assert all("PIP_ROOT_USER_ACTION=ignore" in line for line in pip_lines)


def _hide_globs() -> list[str]:
    loader = PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT))
    return list(loader.load_config().ContentsManager.hide_globs)


def test_the_file_browser_hides_the_jupytext_twins_and_nothing_a_learner_opens():
    globs = _hide_globs()

    def hidden(path: Path) -> bool:
        return any(fnmatch.fnmatch(path.name, g) for g in globs)

    twins = [*ROOT.glob("notebooks/*.py"), *ROOT.glob("exercises/solutions/*.py")]
    assert twins and all(hidden(p) for p in twins)
    shown = [*ROOT.glob("**/*.ipynb"), *ROOT.glob("pannet_edu/**/*.py"), *ROOT.glob("*.md")]
    assert not [p for p in shown if hidden(p) and ".venv" not in p.parts]
