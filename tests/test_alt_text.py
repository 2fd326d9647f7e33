"""Every figure a learner sees carries alt text written from its data."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from pannet_edu import plots
from pannet_edu.practice import cases

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "exercises" / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_figure_has_alt_text_in_its_output_metadata(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert len(alt) > 40, f"{path.name}: a figure without alt text"


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
