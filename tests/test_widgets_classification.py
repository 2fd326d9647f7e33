"""The grading and staging tools: the view follows the controls, bad input gives a message."""

from pannet_edu import grade, stage
from pannet_edu.widgets import GradingCalculator, StagingTool


def test_grading_view_follows_the_logic_when_inputs_change():
    tool = GradingCalculator(ki67="12")
    assert tool.view().title == grade(ki67=12).label
    tool.mitoses.value = "25"
    assert tool.view().title == "NET G3"
    assert "NET G3" in tool.output.value
    tool.differentiation.value = "poor"
    assert "NEC" in tool.output.value


def test_grading_invalid_input_shows_a_message_not_a_traceback():
    tool = GradingCalculator()
    for bad in ("abc", "-4", "101"):
        tool.ki67.value = bad
        assert "Please check the input" in tool.output.value
        assert "Traceback" not in tool.output.value
    tool.ki67.value = ""
    assert "Type a Ki-67 index or a mitotic count" in tool.output.value


def test_snapshot_bundle_carries_live_view_and_static_result():
    bundle = GradingCalculator(ki67="1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "NET G1" in bundle["text/html"]
    assert bundle["text/plain"].startswith("NET G1")
    assert "education only" in bundle["text/html"]


def test_staging_view_follows_controls():
    tool = StagingTool(size_cm="1.5")
    assert tool.view().title == "Stage I"
    tool.invades.value = ("spleen",)
    assert tool.view().title == f"Stage {stage('T4', 'N0', 'M0').group}"
    tool.liver.value = True
    tool.extrahepatic.value = True
    assert tool.view().title == "Stage IV"
    assert "M1c" in tool.output.value


def test_staging_blank_or_bad_size_gives_message():
    tool = StagingTool(size_cm="")
    assert "The size is needed" in tool.output.value
    tool.size_cm.value = "big"
    assert "must be a number" in tool.output.value


def test_grading_tool_redraws_its_grade_plane_only_for_valid_well_differentiated_input():
    tool = GradingCalculator(ki67="8", mitoses="25")
    assert tool.plot_output is not None
    assert len(tool.plot_output.outputs) == 1
    tool.ki67.value = "oops"
    assert tool.plot_output.outputs == ()
    tool.ki67.value = "30"
    tool.differentiation.value = "poor"
    assert tool.plot_output.outputs == ()


def test_tools_without_a_figure_have_no_plot_area():
    assert StagingTool().plot_output is None


def test_every_ki67_box_takes_a_trailing_percent_sign():
    from pannet_edu.widgets import InsideTheEvidence, PatientAppraisal

    for typed in ("12%", "12 %", " 12% "):
        assert GradingCalculator(ki67=typed).view().title == grade(ki67=12).label, typed
        appraisal = PatientAppraisal()
        appraisal.ki67.value = typed
        assert appraisal._ki67() == 12.0, typed
        fit = InsideTheEvidence()
        fit.inputs["ki67"].value = typed
        assert fit._ki67() == 12.0, typed
    assert GradingCalculator(ki67="12%%").view().error  # one sign, not any text


def test_the_size_box_takes_a_trailing_cm():
    assert StagingTool(size_cm="3.5 cm").view().title == StagingTool(size_cm="3.5").view().title


def test_lesson_1_staging_tool_opens_without_metastases_so_its_suggested_tries_show():
    from pathlib import Path

    import jupytext

    lesson = Path(__file__).resolve().parents[1] / "notebooks" / "01_classification_and_staging.py"
    call = next(cell.source for cell in jupytext.read(lesson).cells
                if cell.source.startswith("StagingTool("))
    tool = eval(call, {"StagingTool": StagingTool})  # the lesson's own call
    assert not tool.liver.value and not tool.extrahepatic.value
    assert tool.view().title != "Stage IV"
    tool.invades.value = ("duodenum",)
    assert tool.view().lines[0].startswith("T3")
    tool.invades.value = ()
    tool.nodes.value = "N1"
    assert tool.view().title == "Stage III"  # "nodes alone make any tumour stage III"
    # The two metastasis ticks line up: neither is indented by a spacer.
    assert tool.liver.indent is False and tool.extrahepatic.indent is False
