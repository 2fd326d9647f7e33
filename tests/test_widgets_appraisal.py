"""The patient appraisal tool: verdicts follow the controls, bad input gives a message."""

from pannet_edu import Patient, appraise
from pannet_edu.widgets import PatientAppraisal


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
    assert tool.table.loc["belzutifan", "verdict"] == "preferred"
    assert tool.table.loc["everolimus", "verdict"] == "caution"  # diabetes


def test_invalid_ki67_gives_a_readable_message_and_no_table():
    tool = PatientAppraisal()
    for bad, message in (("abc", "must be a number"), ("150", "between 0 and 100"),
                         ("", "give ki67")):
        tool.ki67.value = bad
        assert "Please check the input" in tool.output.value
        assert message in tool.output.value
        assert "Traceback" not in tool.output.value
        assert "<table" not in tool.output.value
        assert tool.table is None


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
