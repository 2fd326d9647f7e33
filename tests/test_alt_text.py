"""Every figure a learner sees carries alt text written from its data."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from pannet_edu import plots
from pannet_edu.practice import cases

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "exercises" / "solutions").glob("*.ipynb"))


#: A figure as a notebook shows it: an ``<img>`` with its alt text and the PNG inline.
FIGURE_IMG = re.compile(r'<img alt="([^"]*)" src="data:image/png;base64,')


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_figure_is_an_image_with_alt_text_that_jupyterlab_shows(path):
    """JupyterLab's image renderer drops an alt kept in a PNG output's metadata: a figure is
    stored as an ``<img alt=...>`` (HTML, which JupyterLab and the handouts both show)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data, (
                f"{path.name}: a figure stored as a bare PNG, whose alt text JupyterLab does not "
                "show: rebuild the notebook"
            )
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            for alt in FIGURE_IMG.findall(html):
                assert len(alt) > 40, f"{path.name}: a figure without alt text: {alt!r}"


def test_a_figure_shown_in_a_kernel_is_an_image_with_its_alt_text():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    from pannet_edu.plots._style import ALT_ATTRIBUTE

    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # as the inline backend does in a kernel
    try:
        import matplotlib.pyplot as plt

        fig = plots.pfs_bars()
        data, _metadata = shell.display_formatter.format(fig)
        assert "image/png" not in data  # one copy of the figure, in the <img>
        alt = FIGURE_IMG.match(data["text/html"]).group(1)
        assert alt == html.escape(getattr(fig, ALT_ATTRIBUTE)) and "RADIANT-3" in alt
        bare, _ = plt.subplots()
        assert "text/html" not in shell.display_formatter.format(bare)[0]
        plt.close("all")
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.parametrize(
    ("draw", "expected"),
    [
        (lambda: plots.grade_plane(ki67=8, mitoses=25), "lies in the NET G3 band"),
        (lambda: plots.grade_plane(ki67=8), "mitotic count not given"),
        (plots.forest_plot, "NETTER-1 0.21 (0.13–0.33)"),
        (plots.pfs_bars, "RADIANT-3 11 vs 4.6"),
        (plots.response_bars, "NETTER-1 18 vs 3"),
        (plots.hr_and_response, "NETTER-1 HR 0.21, response 18%"),
        (plots.toxicity_grid, "Everolimus: stomatitis"),
        (lambda: plots.case_timeline(cases.load_case("vipoma"), choice="prrt"),
         "line 2, PRRT (177Lu-DOTATATE), proposed from month 26"),
    ],
)
def test_alt_text_is_written_from_the_plotted_data(draw, expected):
    import matplotlib.pyplot as plt

    fig = draw()
    try:
        assert expected in plots.alt_text(fig)
    finally:
        plt.close(fig)


def test_live_grading_figure_is_an_image_with_the_same_alt_text():
    from pannet_edu.widgets import GradingCalculator

    tool = GradingCalculator(ki67="8", mitoses="25")
    html = tool.plot_output.outputs[0]["data"]["text/html"]
    assert 'alt="Grade plane' in html and "lies in the NET G3 band" in html
    tool.mitoses.value = "1"
    assert "lies in the NET G2 band" in tool.plot_output.outputs[0]["data"]["text/html"]
