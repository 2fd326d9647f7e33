"""The question bank's content: every lesson file loads through the quiz validator, has enough
questions, scores its own answer key correctly, and keeps the project's editorial rules
(short answers that can be matched fairly, identifiers cited as the reference file allows, British
spelling, the right option not betrayed by its position or its length)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pannet_edu.content.manifest import load_manifest
from pannet_edu.practice import quiz

#: The lessons that must have a question file: every teaching lesson of the lesson manifest (the
#: start page is an orientation, not a lesson), at least 8 questions each.
LESSONS = tuple(entry.id for entry in load_manifest() if entry.kind == "lesson")
MIN_QUESTIONS = 8

#: Identifiers no source confirmed (the clinical reference's December 2026 pass): never cited.
UNCONFIRMED_IDS = (
    "21306237",  # sunitinib NEJM PMID (conflicting: cite the DOI)
    "21306236",  # the other sunitinib PMID of the conflict
    "27621394",  # RADIANT-3 final-OS PMID
    "31433515",  # WHO 2019 (Nagtegaal) PMID
    "10.1007/s12022-022-09708-2",  # WHO 2022 (Rindi) DOI
)
#: Identifiers seen only in secondary sources: cited only with the mark "secondary source".
SECONDARY_IDS = (
    "25014687",  # CLARINET NEJM PMID
    "10.1056/NEJMoa1316158",  # CLARINET NEJM DOI
    "10.1056/NEJMoa1003825",  # sunitinib NEJM DOI
    "28076709",  # NETTER-1 PMID
    "34597974",  # CLARINET FORTE PMID
    "42392118",  # COMPETE journal PMID
)
SECONDARY_MARK = re.compile(r"secondary source", re.IGNORECASE)
PROJECT_NOTES = re.compile(r"from memory|unconfirmed|not confirmed", re.IGNORECASE)

#: American spellings the project does not use (it writes tumour, diarrhoea, haemangioblastoma).
AMERICAN = re.compile(
    r"\b(tumors?|diarrhea|hemangioblastomas?|anemia|hypoglycemia|hyperglycemia|leukemia"
    r"|randomiz\w*|analogs?|esophag\w*|hematolog\w*)\b",
    re.IGNORECASE,
)


def _learner_text(question: quiz.Question) -> list[str]:
    """Everything a learner reads, except accepted answers (which may list both spellings)."""
    texts = [question.prompt, question.explanation]
    for option in question.options:
        texts += [option.text, option.explanation]
    return texts


@pytest.fixture(scope="module")
def bank() -> dict[str, quiz.Question]:
    return quiz.load_bank()


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_file_loads_with_enough_questions_of_both_kinds(lesson):
    loaded = quiz.load_file(quiz.QUESTIONS_DIR / f"{lesson}.yaml")
    assert len(loaded) >= MIN_QUESTIONS, f"{lesson}: only {len(loaded)} questions"
    assert {q.kind for q in loaded} == set(quiz.KINDS), f"{lesson}: mix the two kinds"
    assert {q.lesson for q in loaded} == {lesson}


def test_whole_bank_loads_with_unique_ids_and_a_prefix_per_lesson(bank):
    prefixes: dict[str, set[str]] = {}
    for question in bank.values():
        prefixes.setdefault(question.lesson, set()).add(question.id.rsplit("-", 1)[0])
    for lesson in LESSONS:
        assert len(prefixes[lesson]) == 1, f"{lesson}: ids use several prefixes {prefixes[lesson]}"
    owners = Counter(next(iter(p)) for p in prefixes.values())
    assert max(owners.values()) == 1, f"two lessons share an id prefix: {owners}"


def test_every_answer_key_scores_as_correct_and_every_distractor_as_wrong(bank):
    for question in bank.values():
        if question.kind == "short_answer":
            for accepted in question.accepted:
                assert quiz.score(question.id, accepted).correct is True, question.id
            continue
        for letter, option in zip(quiz.LETTERS, question.options, strict=False):
            feedback = quiz.score(question.id, letter)
            assert feedback.correct is option.correct, f"{question.id} option {letter}"


def test_short_answers_are_a_word_or_a_number_so_matching_is_fair(bank):
    for question in bank.values():
        for accepted in question.accepted:
            assert len(accepted.split()) <= 3, f"{question.id}: {accepted!r} is too long to match"


def test_unconfirmed_identifiers_are_never_cited(bank):
    for question in bank.values():
        for identifier in UNCONFIRMED_IDS:
            assert identifier not in question.reference, (
                f"{question.id}: {identifier} was not confirmed in any source; leave it out"
            )


def test_secondary_identifiers_carry_their_mark_and_no_project_notes(bank):
    for question in bank.values():
        assert not PROJECT_NOTES.search(question.reference), (
            f"{question.id}: say how firm a source is with a mark, not a project note"
        )
        for identifier in SECONDARY_IDS:
            if identifier in question.reference:
                assert SECONDARY_MARK.search(question.reference), (
                    f"{question.id}: {identifier} was seen only in secondary sources; say so"
                )


def test_cited_pmids_and_dois_are_well_formed(bank):
    for question in bank.values():
        for pmid in re.findall(r"PMID\s+(\S+)", question.reference):
            assert re.fullmatch(r"\d{6,8}[,;)]?", pmid), f"{question.id}: PMID {pmid!r}"
        for doi in re.findall(r"DOI\s+(\S+)", question.reference):
            assert re.fullmatch(r"10\.\d{4,9}/\S+", doi), f"{question.id}: DOI {doi!r}"


def test_learner_text_uses_british_spelling(bank):
    for question in bank.values():
        for text in _learner_text(question):
            found = AMERICAN.search(text)
            assert found is None, f"{question.id}: American spelling {found.group(0)!r}"


@pytest.mark.parametrize("lesson", LESSONS[1:])
def test_right_option_is_not_always_in_the_same_place(lesson, bank):
    positions = Counter(
        next(i for i, o in enumerate(q.options) if o.correct)
        for q in bank.values()
        if q.lesson == lesson and q.kind == "multiple_choice"
    )
    assert len(positions) >= 2, f"{lesson}: the right option always sits at {positions}"
    assert max(positions.values()) <= 0.6 * positions.total(), f"{lesson}: {positions}"


@pytest.mark.parametrize("lesson", LESSONS[1:])
def test_right_option_is_not_betrayed_by_its_length(lesson, bank):
    for question in bank.values():
        if question.lesson != lesson or question.kind != "multiple_choice":
            continue
        right = next(len(o.text) for o in question.options if o.correct)
        wrong = [len(o.text) for o in question.options if not o.correct]
        # Flag only a clear outlier: much longer than every distractor, or much shorter.
        assert not (right > 1.35 * max(wrong) and right - max(wrong) > 15), question.id
        assert not (right < 0.6 * min(wrong) and min(wrong) - right > 15), question.id


#: Questions whose numbers the trial table once kept in step by a hand-written map; the rule
#: (pannet_edu.practice.trial_numbers, run by ``pannet-edu check``) must catch each of them.
RESTATED = {
    "ssa-03": ("CLARINET", "all", "hr"),
    "tgt-10": ("CABINET", "pancreatic", "orr"),
    "prrt-03": ("NETTER-1", "all", "orr"),
    "inv-02": ("NETTER-2", "all", "hr"),
    "inv-13": ("CABINET", "extrapancreatic", "hr"),
    "chemo-07": ("Kouvaraki 2004", "all", "orr"),
}


@pytest.fixture(scope="module")
def trial_tables():
    from pannet_edu.evidence import label_figures, trials

    return trials(), label_figures()


def test_every_trial_number_the_bank_states_is_in_the_trial_table(bank, trial_tables):
    from pannet_edu.practice.trial_numbers import question_number_problems

    assert question_number_problems(bank.values(), *trial_tables) == []


@pytest.mark.parametrize(("question_id", "row"), sorted(RESTATED.items()))
def test_a_trial_number_changed_in_the_table_flags_the_question_restating_it(
        question_id, row, bank, trial_tables):
    from pannet_edu.practice.trial_numbers import question_number_problems

    trial, cohort, column = row
    table, labels = trial_tables
    changed = table.copy()
    rows = changed.trial == trial
    assert ((changed.cohort == cohort) & rows).sum() == 1, f"{trial}/{cohort} not in trials()"
    old = float(changed.loc[rows & (changed.cohort == cohort), column].iloc[0])
    changed.loc[rows & (changed.cohort == cohort), column] = old + 0.01
    for text in ("population", "notes", "os_source"):  # the number written out there too
        changed.loc[rows, text] = None
    flagged = {p.entry for p in question_number_problems(
        [bank[question_id]], changed, labels[labels.trial != trial])}
    assert flagged == {question_id}
