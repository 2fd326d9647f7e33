"""Running the ``pannet-edu`` command in-process, and quick handout builds, for the command-line
tests."""

from pathlib import Path

import nbformat

from pannet_edu import cli
from pannet_edu.publish import class_sheets, handouts


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``pannet-edu ARGV``; no traceback may reach the user."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def stub_handouts(monkeypatch, tmp_path: Path) -> tuple[Path, list[str]]:
    """Two small lesson notebooks, with the nbconvert export replaced by a stub page (undone after
    the test); returns their folder and the list of pages asked for."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("01_a", "02_b"):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {name}")])
        nbformat.write(notebook, folder / f"{name}.ipynb")
    calls = []

    def page(path, *, reviewed=None, summary=False):
        calls.append(Path(path).name)
        return f"<html>{Path(path).stem}{' summary' if summary else ''} complete</html>"

    monkeypatch.setattr(handouts, "handout_html", page)
    monkeypatch.setattr(class_sheets, "build_class_sheets", lambda out: [])
    return folder, calls
