"""The patient appraisal tool: verdicts follow the controls, bad input gives a message."""

import ipywidgets as widgets

from pannet_edu import Patient, appraise, vocab
from pannet_edu.widgets import PatientAppraisal
from pannet_edu.widgets._base import MULTI_SELECT_HINT


def test_appraisal_tool_shows_the_engines_verdicts_for_its_patient():
    tool = PatientAppraisal(ki67="5", sstr="positive")
    expected = appraise(Patient(ki67=5, sstr="positive"))
    assert tool.table.equals(expected)
    assert "Therapy appraisal: NET G2" in tool.output.value
    assert tool.output.value.count("<tr>") == len(expected) + 1


def test_changing_sstr_and_syndrome_moves_the_verdicts():
    tool = PatientAppraisal(ki67="5", sstr="positive")
    tool.sstr.value = "negative"
    assert tool.table.loc["prrt", "verdict"] == "not suitable"
    tool.sstr.value = "positive"
    tool.syndrome.value = "insulinoma"
    tool.symptomatic.value = True
    assert tool.table.loc["ssa", "verdict"] == "caution"
    # Untreated insulinoma: diet, glucose and diazoxide first (the old test expected everolimus
    # 'preferred' here, which taught everolimus as the first answer).
    assert tool.table.loc["everolimus", "verdict"] == "caution"
    tool.hypoglycaemia_refractory.value = True
    assert tool.table.loc["everolimus", "verdict"] == "preferred"
    assert "hypoglycaemia" in tool.output.value


def test_prior_comorbidities_and_hereditary_reach_the_patient():
    tool = PatientAppraisal(ki67="8", progressing=True, prior=("ssa",),
                            comorbidities=("diabetes",), hereditary="VHL")
    patient = tool.patient()
    assert patient.prior == ("ssa",)
    assert patient.comorbidities == ("diabetes",)
    # LITESPARK-004 excluded metastatic disease: an extrapolation, at most reasonable.
    assert tool.table.loc["belzutifan", "verdict"] == "reasonable"
    assert tool.table.loc["everolimus", "verdict"] == "caution"  # diabetes


def test_invalid_ki67_gives_a_readable_message_and_no_table():
    tool = PatientAppraisal()
    for bad, message in (("abc", "“abc” is not a Ki-67 value."),
                         ("150", "A Ki-67 of 150% is not possible."),
                         ("nan", "“nan” is not a Ki-67 value."),
                         ("", "")):
        tool.ki67.value = bad
        shown = tool.output.value
        assert "Please check the input" in shown
        assert message in shown
        assert "Give a Ki-67 between 0% and 100% to see the appraisal." in shown
        assert "ki67" not in shown.replace("Ki-67", "")  # the clinical name, never the code name
        assert "Traceback" not in shown
        assert "<table" not in shown
        assert tool.table is None
    tool.ki67.value = "12,5"  # a decimal comma is a Ki-67 too
    assert tool.table is not None and "Ki-67 12.5%" in tool.output.value


def test_every_item_of_each_multi_select_is_visible_without_scrolling():
    tool = PatientAppraisal()
    lists = (tool.prior, tool.durable_benefit, tool.comorbidities)
    assert len(tool.comorbidities.options) == len(vocab.COMORBIDITIES)
    for control in lists:
        assert control.rows == len(control.options), control.description


def test_multi_selects_say_how_to_pick_several_items():
    tool = PatientAppraisal()
    children = list(tool.widget.children)
    hints = [c for c in children if isinstance(c, widgets.HTML) and c.value == MULTI_SELECT_HINT]
    assert len(hints) == 2
    for words in ("Ctrl", "⌘", "Shift-click", "phone", "tap"):
        assert words in MULTI_SELECT_HINT
    # one hint just above the lists of therapies, one just below the comorbidities
    assert children.index(hints[0]) + 1 == children.index(tool.prior)
    assert children.index(hints[1]) - 1 == children.index(tool.comorbidities)


def test_labels_take_their_width_and_controls_never_overhang_the_screen():
    tool = PatientAppraisal()
    for control in tool.controls:
        style = getattr(control, "style", None)
        if hasattr(style, "description_width") and not isinstance(control, widgets.Checkbox):
            # a fixed label width cut "Controlled the disease for a long time" short
            assert style.description_width == "initial", control.description
        if isinstance(control, widgets.Checkbox):
            assert control.layout.width in (None, "auto") and control.indent is False
        else:
            assert control.layout.max_width == "100%", control.description
            assert control.layout.flex_flow == "row wrap", control.description
    assert tool.widget.layout.max_width == "100%"


def test_one_of_a_few_choices_is_a_radio_group():
    tool = PatientAppraisal(resectable=False, burden="high", differentiation="poor")
    for control in (tool.differentiation, tool.burden, tool.resectable):
        assert isinstance(control, widgets.RadioButtons)
        assert not isinstance(control, widgets.ToggleButtons)
    assert not [c for c in tool.controls if isinstance(c, widgets.ToggleButtons)]
    assert (tool.differentiation.value, tool.burden.value, tool.resectable.value) == (
        "poor", "high", "no")
    assert tool.patient().resectable is False
    tool.resectable.value = "not judged"
    assert tool.patient().resectable is None


def test_snapshot_carries_the_table_and_the_disclaimer():
    tool = PatientAppraisal(ki67="40", differentiation="poor", sstr="negative")
    bundle = tool._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "platinum + etoposide" in bundle["text/html"]
    assert "education only" in bundle["text/html"]
    assert bundle["text/plain"].startswith("Therapy appraisal: NEC")
    assert "preferred     platinum + etoposide" in bundle["text/plain"]


def test_new_fields_reach_the_patient_and_the_columns_show():
    tool = PatientAppraisal(ki67="8", progressing=True, prior=("ssa", "prrt"),
                            durable_benefit=("prrt",), region="China", dpyd="complete_deficiency",
                            pregnancy_possible=True, m_category="M1a", resectable=False)
    patient = tool.patient()
    assert (patient.region, patient.dpyd, patient.m_category) == ("China", "complete_deficiency",
                                                                 "M1a")
    assert patient.durable_benefit == ("prrt",) and patient.resectable is False
    assert tool.table.loc["capecitabine_temozolomide", "verdict"] == "not suitable"
    assert tool.table.loc["surufatinib", "approval"].startswith("approved for this use")
    html = tool.output.value
    assert "Before starting" in html and "Approval" in html
    assert "pregnancy" in html.lower()
    tool.region.value = "US"
    assert tool.table.loc["surufatinib", "verdict"] == "caution"
    assert "education only" in tool._repr_mimebundle_()["text/html"]


def test_long_benefit_for_a_therapy_not_given_reads_as_a_clinical_message():
    tool = PatientAppraisal(ki67="8")
    tool.durable_benefit.value = ("prrt",)
    assert "Please check the input" in tool.output.value
    assert "not ticked under &#x27;Already given&#x27;" in tool.output.value
    assert "Traceback" not in tool.output.value


def test_the_grading_and_staging_choices_are_radio_groups_too():
    from pannet_edu.widgets import GradingCalculator, StagingTool

    grading, staging_tool = GradingCalculator(ki67="8"), StagingTool()
    assert isinstance(grading.differentiation, widgets.RadioButtons)
    assert isinstance(staging_tool.nodes, widgets.RadioButtons)
    grading.differentiation.value = "poor"
    assert grading.view().title == "NEC"
    staging_tool.nodes.value = "N1"
    assert staging_tool.view().title == "Stage III"
    for control in (grading.differentiation, staging_tool.nodes):
        assert control.layout.max_width == "100%" and control.layout.width == "auto"
