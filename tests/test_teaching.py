"""What a class needs from the repository: Binder builds from environment.yml at the top level and
opens on the start page; the documented links point at files that exist."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "teaching.md"


def test_binder_reads_the_top_level_environment_file():
    # repo2docker prefers a binder/ or .binder/ folder: one would silently replace environment.yml.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "environment.yml").is_file()


def test_binder_environment_brings_jupyterlab_and_the_dashboard():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {d.split("=")[0] for d in env["dependencies"] if isinstance(d, str)}
    assert {"jupyterlab", "voila", "ipywidgets"} <= conda
    pip_lines = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(re.fullmatch(r"-e \.\[[^\]]*\blab\b[^\]]*\]", line) for line in pip_lines)


def test_every_repository_path_the_teaching_guide_links_exists():
    guide = GUIDE.read_text(encoding="utf-8")
    start_pages = re.findall(r"urlpath=lab/tree/(?:<repo folder>/)?(\S+?\.ipynb)", guide)
    rendered = re.findall(r"voila/render/(?:<[^>]+>/)?(\S+?\.ipynb)", guide)
    assert start_pages and rendered
    for path in [*start_pages, *rendered]:
        assert (ROOT / path).is_file(), f"docs/teaching.md links {path}, which does not exist"


def test_the_export_commands_of_the_teaching_guide_run_as_written(tmp_path, monkeypatch, capsys):
    from pannet_edu import cli
    from pannet_edu.export import common

    guide = GUIDE.read_text(encoding="utf-8")
    commands = re.findall(r"^pannet-edu (export [^\n#]+)$", guide, re.MULTILINE)
    assert len(commands) >= 3
    monkeypatch.chdir(tmp_path)
    for command in commands:
        assert cli.main(command.split()) == 0, command
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [
        common.default_name("moodle", None), common.default_name("qti", None), "pannet-edu.apkg"]
    assert "--previous" in guide and "Get category from file" in guide
