"""Exercise checks: solutions pass, wrong answers teach, garbage gets a message, bad files named."""

import pytest

from pannet_edu import grade, stage, t_category
from pannet_edu.content import ContentError
from pannet_edu.practice import exercises
from pannet_edu.practice.exercises import before_starting, check, poor_fit

GARBAGE = [None, ..., "", "  ", 42, 3.5, True, ["G1"], {"a": 1}, object(), "banana", "G7", "T9"]


@pytest.mark.parametrize("item", exercises.exercises(), ids=lambda e: e.id)
def test_every_computed_solution_passes_its_check(item):
    feedback = check(item.id, item.solution())
    assert feedback.correct is True, feedback.message
    assert feedback.reference


@pytest.mark.parametrize("item", exercises.exercises(), ids=lambda e: e.id)
def test_garbage_gets_a_message_never_an_exception(item):
    for answer in GARBAGE:
        if isinstance(answer, bool) and item.id.startswith("minen"):
            continue  # True is a real answer to "is this a MiNEN?"
        feedback = check(item.id, answer)
        assert feedback.correct in (None, False), (item.id, answer)
        assert feedback.message


def test_placeholder_and_none_say_not_answered_yet():
    for answer in (..., None, ""):
        feedback = check("grade-1", answer)
        assert feedback.correct is None
        assert feedback.heading == "Not answered yet."
        assert "Replace the ..." in feedback.message


def test_expected_answers_come_from_the_package_logic():
    assert exercises.exercise("grade-1").expected() == grade(ki67=8, mitoses=25).label
    assert exercises.exercise("grade-4").expected() == "NEC"
    assert exercises.exercise("t-1").expected() == t_category(3.2, ["duodenum"])
    assert exercises.exercise("stage-2").expected() == stage("T4", "N0", "M0").group


def test_the_lower_index_answer_gets_the_higher_index_lesson():
    feedback = check("grade-1", "NET G2")
    assert feedback.correct is False
    assert feedback.message == (
        "Ki-67 8% alone is G2, but 25 mitoses per 2 mm² make it G3: the higher index wins."
    )
    assert "Ki-67 35% makes it G3" in check("grade-3", "G2").message


def test_nec_confusions_are_explained_both_ways():
    assert "well differentiated" in check("grade-3", "NEC").message
    assert "not graded G1-G3" in check("grade-4", "NET G3").message


def test_t_category_wrong_answers_explain_invasion_and_peripancreatic_fat():
    assert "By size alone (3.2 cm) it would be T2" in check("t-1", "T2").message
    assert "peripancreatic fat is not a basis" in check("t-2", "T3").message


def test_stage_wrong_answer_walks_through_t_n_m():
    message = check("stage-1", "I").message
    assert "N1: regional nodes involved" in message
    assert "stage III" in message


@pytest.mark.parametrize(
    ("exercise_id", "answer", "correct"),
    [
        ("grade-1", "net-g3", True),
        ("grade-1", " G3 ", True),
        ("grade-1", grade(ki67=8, mitoses=25), True),
        ("grade-4", "neuroendocrine carcinoma", True),
        ("stage-3", "stage 4", True),
        ("stage-3", 4, True),
        ("stage-3", "Stage iv", True),
        ("minen-1", "yes", True),
        ("minen-2", "not MiNEN", True),
        ("minen-2", True, False),
        ("t-2", "t1", True),
    ],
)
def test_answers_are_read_in_the_forms_a_learner_types(exercise_id, answer, correct):
    assert check(exercise_id, answer).correct is correct


def test_unknown_exercise_gets_a_message():
    feedback = check("grade-99", "G1")
    assert feedback.correct is None
    assert "no exercise 'grade-99'" in feedback.message
    assert check(None, "G1").correct is None


def test_exercise_displays_its_report_and_question():
    item = exercises.exercise("grade-1")
    assert "25 mitoses per 2 mm²" in item._repr_html_()
    assert "What is the WHO grade?" in str(item)
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        exercises.exercise("zzz")


GOOD = """\
lesson: {lesson}
exercises:
  - id: g-1
    kind: grade
    report: "Well-differentiated NET. Ki-67 8%. Mitoses 25 per 2 mm²."
    ki67_percent: 8
    mitoses_per_2mm2: 25
    differentiation: well
"""


def _write(tmp_path, text, name="01_demo"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.format(lesson=name), encoding="utf-8")
    return path


def test_a_good_case_file_loads(tmp_path):
    (item,) = exercises.load_exercise_file(_write(tmp_path, GOOD))
    assert item.expected() == "NET G3"
    assert item.mark(item.parse("G3")).correct is True


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("ki67_percent: 8", "ki67_percent: 150"), "field ki67_percent: must be between 0 and 100"),
        (("ki67_percent: 8", "ki67_percent: 9"), "field 'ki67_percent' (9) does not appear"),
        (("kind: grade", "kind: essay"), "field kind: must be one of"),
        (("differentiation: well", "differentiation: well\n    colour: blue"), "unknown field"),
        (("    differentiation: well\n", ""), "missing field 'differentiation'"),
        (
            ('    report: "Well-differentiated NET. Ki-67 8%. Mitoses 25 per 2 mm²."\n', ""),
            "missing field 'report'",
        ),
        (("differentiation: well", "differentiation: moderate"),
         "field differentiation: must be one of well, poor"),
        (("Mitoses 25", "Mitoses 26"), "field 'mitoses_per_2mm2' (25) does not appear"),
        (("lesson: {lesson}", "lesson: 02_other"), "must match the file name"),
        (("- id: g-1", "- id: ''"), "missing field 'id'"),
    ],
)
def test_each_kind_of_bad_case_is_named(tmp_path, change, expected):
    old, new = change
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ContentError, match=r"01_demo\.yaml") as caught:
        exercises.load_exercise_file(path)
    assert expected in str(caught.value)


def test_duplicate_ids_are_named(tmp_path):
    body = GOOD + GOOD.split("exercises:\n")[1]
    with pytest.raises(ContentError, match="entry g-1, field id: duplicate id"):
        exercises.load_exercise_file(_write(tmp_path, body))


def test_invalid_yaml_is_named(tmp_path):
    path = tmp_path / "01_demo.yaml"
    path.write_text("lesson: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        exercises.load_exercise_file(path)


def test_feedback_html_is_escaped_and_coloured():
    html = check("grade-2", "<b>G9</b>")._repr_html_()
    assert "<b>G9" not in html
    assert "&lt;b&gt;" in html


# --- (b) the trial table, (c) toxicity and comorbidity, (d) sequencing vignettes ---------------


def test_trial_answers_are_computed_from_the_table():
    import pannet_edu as pe

    table = pe.trials()
    by_trial = table.groupby("trial")["pannet"].agg(set)
    assert exercises.no_pannet_trials() == {t for t, v in by_trial.items() if v == {"no"}}
    radiant = table[table.trial == "RADIANT-3"].iloc[0]
    assert exercises.exercise("trials-4").expected() == pytest.approx(
        float(radiant.pfs_median - radiant.pfs_median_control)
    )


def test_trial_answers_accept_the_pandas_objects_a_learner_makes():
    import pannet_edu as pe

    table = pe.trials()
    no_pannet = table.groupby("trial").filter(lambda g: (g.pannet == "no").all())
    assert check("trials-1", no_pannet).correct is True
    assert check("trials-1", no_pannet["trial"]).correct is True
    assert check("trials-5", exercises.pfs_gains().head(1)).correct is True
    assert check("trials-4", exercises.pfs_gains().set_index("trial").loc["RADIANT-3", "pfs_gain"])


def test_trial_mistakes_get_the_teaching_message():
    cohort_mistake = check("trials-1", ["PROMID", "NETTER-1", "CABINET"])
    assert cohort_mistake.correct is False
    assert "group by trial" in cohort_mistake.message
    assert "relative" in check("trials-3", "NETTER-2").message
    assert "wrong sign" in check("trials-4", -6.4).message
    assert "lowest hazard ratio was CABINET" in check("trials-5", "CABINET").message
    assert "Missing" in check("trials-2", ["RADIANT-3"]).message
    assert "not a trial" in check("trials-3", "RADIANT-99").message
    assert "NaN" in check("trials-4", float("nan")).message


def test_poor_fit_answers_come_from_the_catalogue_and_name_what_is_missing():
    import pannet_edu as pe

    catalogue = pe.therapies()
    expected = {t for t, f in catalogue.poor_fit_factors.items() if "renal_impairment" in f}
    assert exercises.exercise("tox-3").expected() == expected
    feedback = check("tox-2", ["sunitinib", "PRRT"])
    assert feedback.correct is False
    assert "Missing cabozantinib, surufatinib" in feedback.message
    assert "PRRT (177Lu-DOTATATE) not listed" in feedback.message
    tox4 = exercises.exercise("tox-4").expected()
    assert check("tox-4", sorted(tox4)).correct is True
    # The old key (typed once, beside the engine) left out belzutifan, which the engine cautions.
    assert "belzutifan" in tox4
    assert check("tox-4", "captem, prrt, streptozocin").correct is False


@pytest.mark.parametrize(
    "factor",
    [
        "low_marrow_reserve",
        "diabetes",
        "renal_impairment",
        "uncontrolled_hypertension",
        "interstitial_lung_disease",
    ],
)
def test_every_poor_fit_in_an_exercise_key_is_a_factor_the_engine_applies(factor):
    """One fact, one home: the exercise key and the engine read the same catalogue entries."""
    import pannet_edu as pe
    from pannet_edu.vocab import COMORBIDITY_NAMES

    key = poor_fit._poor_fit_therapies(factor)
    patient = pe.Patient(
        ki67=5,
        sstr="positive",
        progressing=True,
        prior=["ssa"],
        hereditary="VHL",
        comorbidities=[factor],
    )
    reasons = pe.appraise(patient)["reasons"]
    for therapy in key:
        assert COMORBIDITY_NAMES[factor] in reasons[therapy], (factor, therapy)


def test_sequencing_answers_follow_the_engine_and_explain_its_reasons():
    import pannet_edu as pe

    patient = pe.Patient(
        ki67=5,
        sstr="positive",
        syndrome="insulinoma",
        symptomatic=True,
        hypoglycaemia_refractory=True,
    )
    appraisal = pe.appraise(patient)
    preferred = set(appraisal.index[appraisal.verdict == "preferred"])
    assert exercises.exercise("seq-4").expected() == preferred
    assert {"everolimus", "prrt"} <= preferred  # refractory hypoglycaemia: everolimus or PRRT
    ssa = check("seq-4", "SSA")
    assert ssa.correct is False
    assert "hypoglycaemia" in ssa.message
    assert check("seq-4", "everolimus").correct is True
    assert "Also preferred here" in check("seq-3", "prrt").message


SEQUENCING_CASE = """\
lesson: {lesson}
exercises:
  - id: s-1
    kind: sequencing
    ask: preferred
    report: "Well-differentiated panNET, Ki-67 5%, SSTR-positive."
    ki67_percent: 5
    differentiation: well
    sstr: positive
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("ask: preferred", "ask: best"), "field ask: must be one of preferred"),
        (("ask: preferred", "ask: not suitable\n    hereditary: VHL"), None),
        (("sstr: positive", "sstr: weak"), "field sstr: must be one of positive"),
        (("    sstr: positive\n", ""), "missing field 'sstr'"),
        (("differentiation: well", "differentiation: well\n    prior: [aspirin]"), "prior"),
    ],
)
def test_bad_sequencing_cases_are_named(tmp_path, change, expected):
    path = _write(tmp_path, SEQUENCING_CASE.replace(*change))
    if expected is None:  # a valid variant still loads
        assert exercises.load_exercise_file(path)[0].expected()
        return
    with pytest.raises(ContentError, match=r"01_demo\.yaml: entry s-1, field ") as caught:
        exercises.load_exercise_file(path)
    assert expected in str(caught.value)


def test_a_vignette_without_any_therapy_of_the_asked_verdict_is_refused(tmp_path):
    # A stable, SSTR-negative NET G2 has no "preferred" therapy in the engine.
    case = SEQUENCING_CASE.replace("SSTR-positive", "SSTR-negative").replace(
        "sstr: positive", "sstr: negative"
    )
    import pannet_edu as pe

    appraisal = pe.appraise(pe.Patient(ki67=5, sstr="negative"))
    assert not (appraisal.verdict == "preferred").any(), "choose another patient for this test"
    with pytest.raises(ContentError, match="no therapy has the verdict 'preferred'"):
        exercises.load_exercise_file(_write(tmp_path, case))


def test_bad_poor_fit_factor_is_named(tmp_path):
    case = (
        "lesson: {lesson}\nexercises:\n  - id: p-1\n    kind: poor_fit\n"
        '    report: "A teaching patient."\n    factor: gout\n'
    )
    with pytest.raises(ContentError, match="field factor: must be one of diabetes"):
        exercises.load_exercise_file(_write(tmp_path, case))


# --- Lesson 02: SSTR imaging; lesson 08: trials under investigation ---------------------------


def test_sstr_answers_come_from_read_sstr_imaging():
    from pannet_edu.clinic.imaging import read_sstr_imaging

    expected = exercises.exercise("sstr-1").expected()
    assert expected == read_sstr_imaging([3, 4, 3]).status == "positive"
    assert exercises.exercise("sstr-2").expected() == "heterogeneous"
    expected = exercises.exercise("sstr-3").expected()
    assert expected == read_sstr_imaging([2, 2]).status == "equal_to_liver"
    assert check("sstr-1", read_sstr_imaging([3, 4, 3])).correct is True
    assert check("sstr-2", "mixed").correct is True
    assert check("sstr-3", "equal to liver").correct is True


def test_krenning_2_is_positive_for_an_ssa_and_a_weaker_prrt_target_never_negative():
    right = check("sstr-3", "equal to liver").message
    assert "SSTR-positive for an SSA" in right and "weaker but real" in right
    assert "clear PRRT target" in check("sstr-1", "positive").message
    assert "no target" in exercises.sstr_consequence("negative")


def test_sstr_mistakes_explain_the_threshold():
    wrong = check("sstr-3", "negative")
    assert wrong.correct is False
    assert "the weakest decides" in wrong.message and "equal to normal liver" in wrong.message
    assert "1 of 3 lesions" in check("sstr-2", "positive").message
    unreadable = check("sstr-2", "weak")
    assert unreadable.correct is None
    assert '"heterogeneous"' in unreadable.message  # names the forms it expects


def test_syndrome_and_sstr_negative_vignettes_follow_the_engine():
    assert "prrt" in exercises.exercise("img-seq-1").expected()
    assert check("img-seq-1", "everolimus").correct is False
    insulinoma = check("img-seq-2", "SSA")
    assert insulinoma.correct is True
    assert "hypoglycaemia" in insulinoma.message
    # Untreated insulinoma: everolimus is not the first answer (stepwise control comes first).
    assert check("img-seq-2", "everolimus").correct is True


SSTR_CASE = """\
lesson: {lesson}
exercises:
  - id: k-1
    kind: sstr_reading
    report: "SSTR PET: Krenning 3 and 1."
    krenning_scores: [3, 1]
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("[3, 1]", "[3, 5]"), "field krenning_scores[2]: must be between 0 and 4"),
        (("[3, 1]", "[3, 2]"), "field 'krenning_scores' ([3, 2]) does not appear"),
        (("[3, 1]", "[3, 1]\n    minimum: 2"), "field minimum: unknown field 'minimum'"),
        (("[3, 1]", "three"), "field krenning_scores: must be a list of numbers"),
        (("    krenning_scores: [3, 1]\n", ""), "missing field 'krenning_scores'"),
    ],
)
def test_bad_sstr_cases_are_named(tmp_path, change, expected):
    loaded = exercises.load_exercise_file(_write(tmp_path, SSTR_CASE))
    assert loaded[0].expected() == "heterogeneous"
    path = _write(tmp_path, SSTR_CASE.replace(*change))
    with pytest.raises(ContentError, match=r"01_demo\.yaml: entry k-1, field ") as caught:
        exercises.load_exercise_file(path)
    assert expected in str(caught.value)


def test_investigation_answers_are_computed_from_trials_and_labels():
    import pannet_edu as pe
    from pannet_edu.evidence import label_figures

    trials, labels = pe.trials(), label_figures()
    netter2 = trials[trials.trial == "NETTER-2"].iloc[0]
    assert exercises.exercise("inv-1").expected() == pytest.approx(
        netter2.pfs_median - netter2.pfs_median_control
    )
    congress = set(trials.loc[trials.figures_source == "congress", "trial"])
    assert "COMPETE" in congress and exercises.exercise("inv-2").expected() == congress
    cabinet = labels[(labels.trial == "CABINET") & (labels.cohort == "pancreatic")].iloc[0]
    assert exercises.exercise("inv-3").expected() == float(cabinet.hr)
    belz = trials[trials.trial == "LITESPARK-004"].iloc[0]
    assert exercises.exercise("inv-4").expected() == float(belz.orr)
    assert check("inv-2", trials[trials.figures_source == "congress"]).correct is True


def test_journal_and_label_figures_are_told_apart():
    import pannet_edu as pe

    trials = pe.trials()
    journal_hr = trials[(trials.trial == "CABINET") & (trials.cohort == "pancreatic")].hr.iloc[0]
    journal_mistake = check("inv-3", float(journal_hr))
    assert journal_mistake.correct is False
    assert journal_mistake.message.startswith("That is the journal figure")
    from pannet_edu.evidence import label_figures

    labels = label_figures()
    label_orr = labels[labels.trial == "LITESPARK-004"].orr.iloc[0]
    label_mistake = check("inv-4", f"{label_orr:g}%")
    assert label_mistake.correct is False
    assert "counts only measurable" in label_mistake.message
    assert "wrong sign" in check("inv-1", -exercises.exercise("inv-1").expected()).message
    assert "should not include NETTER-2" in check("inv-2", ["COMPETE", "NETTER-2"]).message
    assert "Give a number" in check("inv-3", "about a fifth").message


# --- Before you start: the checks before the first dose ----------------------------------------


def test_before_starting_key_is_the_catalogue_checks_for_the_patient():
    from pannet_edu.engine.before_starting import checks_for

    exercise = exercises.exercise("start-1")
    patient = before_starting._before_starting_patient(
        {
            "ki67_percent": 14,
            "sstr": "positive",
            "progressing": True,
            "dpyd": "unknown",
            "comorbidities": ["cardiac_disease", "renal_impairment"],
        }
    )
    expected = tuple(c.check for c in checks_for("capecitabine_temozolomide", patient))
    assert exercise.expected() == expected
    assert any(c.startswith("DPYD") for c in expected)
    assert check("start-1", exercise.solution()).correct is True


def test_before_starting_feedback_lists_what_was_missed_with_sources():
    feedback = check(
        "start-1", ["DPYD test", "creatinine clearance", "ECG", "blood counts", "chest X-ray"]
    )
    assert feedback.correct is False
    assert "You named 4 of" in feedback.message
    missed = feedback.message.split("Missed: ")[1].split(" Named: ")[0]
    assert "Lymphocyte count and a plan for PJP prophylaxis" in missed
    assert "PMID 17612935" in missed  # the source travels with the check
    assert "Warfarin" in missed and "Liver tests" in missed
    assert "Not among the checks listed for this patient: chest X-ray." in feedback.message


def test_before_starting_accepts_plain_clinical_words_and_the_conditions_apply():
    belzutifan = check("start-3", "pregnancy test; Hb; SpO2")
    assert belzutifan.correct is True
    assert "non-hormonal contraception" in belzutifan.message
    assert check("start-3", "haemoglobin, oxygen").correct is False  # pregnancy missed
    # After PRRT with low counts, the marrow work-up joins the checks before cabozantinib.
    assert exercises.exercise("start-4").expected()[0].startswith("marrow examination")
    prrt = check(
        "start-2",
        "stop lanreotide 4 weeks before, kidney function, blood counts, "
        "SSTR uptake, crisis plan, contraception",
    )
    assert prrt.correct is True


@pytest.mark.parametrize("bad", [3, ["DPYD", 4], " , ;"])
def test_before_starting_bad_answers_get_a_message(bad):
    feedback = check("start-1", bad)
    assert feedback.correct is None
    assert "check" in feedback.message


def test_every_catalogue_check_can_be_named_in_learner_words():
    from pannet_edu.engine import load_catalogue

    for therapy in load_catalogue():
        for item in therapy.before_starting:
            assert exercises.concepts_in(item.check), (therapy.id, item.check)


BEFORE_CASE = """\
lesson: {lesson}
exercises:
  - id: b-1
    kind: before_starting
    therapy: everolimus
    report: "Everolimus planned, Ki-67 5%."
    ki67_percent: 5
    sstr: positive
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("therapy: everolimus", "therapy: aspirin"), "therapy must be a catalogue id"),
        (("therapy: everolimus", "therapy: surveillance"), "lists no check"),
        (("    ki67_percent: 5\n", ""), "ki67_percent or mitoses"),
        (("sstr: positive", "dpyd: maybe"), "field dpyd: must be one of unknown"),
    ],
)
def test_bad_before_starting_cases_are_named(tmp_path, change, expected):
    path = _write(tmp_path, BEFORE_CASE.replace(*change))
    with pytest.raises(ContentError, match=expected):
        exercises.load_exercise_file(path)
