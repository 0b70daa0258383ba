"""Studying the pack without a screen: filtering, searching as the grader reads words, and the question sheet."""

from __future__ import annotations

import pytest

from tests.helpers import TEST_PACK
from tests.study_pack import CANARY, write_study_pack
from tui_interview.domain.bank.browse import BankIndex, QuestionFilter, close_ids, question_sheet
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.grading.word_forms import GRADER_WORDING


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return load_pack(write_study_pack(tmp_path_factory.mktemp("study")))


@pytest.fixture(scope="module")
def index(pack: Pack) -> BankIndex:
    return BankIndex(pack, GRADER_WORDING)


def ids(index: BankIndex, choice: QuestionFilter) -> list[str]:
    return [hit.question.id for hit in index.search(choice)]


def test_without_a_filter_every_question_shows_by_area_then_kind_then_level(index: BankIndex) -> None:
    assert ids(index, QuestionFilter()) == [
        "pipelines-backfill-idempotent",  # pipelines first, as pack.toml declares; technical before tradeoff
        "pipelines-feature-store-choice",
        "serving-shadow-traffic",  # technical, then scenario, then debugging
        "serving-canary-rollback",
        "serving-latency-debug",
    ]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (QuestionFilter(areas=("serving",)), ["serving-shadow-traffic", CANARY, "serving-latency-debug"]),
        (QuestionFilter(kinds=("technical",)), ["pipelines-backfill-idempotent", "serving-shadow-traffic"]),
        (QuestionFilter(levels=("senior",)), ["pipelines-feature-store-choice", CANARY]),
        (
            QuestionFilter(areas=("serving",), levels=("mid", "junior")),
            ["serving-shadow-traffic", "serving-latency-debug"],
        ),
        (QuestionFilter(areas=("pipelines",), kinds=("debugging",)), []),
        (QuestionFilter(areas=("serving",), text="canary"), [CANARY]),
        (
            QuestionFilter(kinds=("technical",), text="pipeline"),
            ["pipelines-backfill-idempotent", "serving-shadow-traffic"],
        ),
    ],
)
def test_area_kind_level_and_words_narrow_together(
    index: BankIndex, choice: QuestionFilter, expected: list[str]
) -> None:
    assert ids(index, choice) == expected


def test_words_match_as_the_grader_reads_them_in_any_order_and_case(index: BankIndex) -> None:
    assert ids(index, QuestionFilter(text="Pipelines")) == ids(index, QuestionFilter(text="pipeline"))
    assert ids(index, QuestionFilter(text="artifacts")) == ["serving-latency-debug"]  # "artefact" in its answer
    assert ids(index, QuestionFilter(text="rollback canary")) == ids(index, QuestionFilter(text="CANARY rollback"))
    assert ids(index, QuestionFilter(text="canary shadow")) == []  # every word must be found in one question


def test_a_word_being_typed_matches_the_words_it_starts(index: BankIndex) -> None:
    assert ids(index, QuestionFilter(text="idempo")) == ["pipelines-backfill-idempotent"]
    assert set(ids(index, QuestionFilter(text="pipel"))) == set(ids(index, QuestionFilter(text="pipeline")))


def test_id_and_prompt_matches_rank_before_points_and_points_before_model_answers(index: BankIndex) -> None:
    hits = index.search(QuestionFilter(text="pipeline"))
    assert [hit.question.id for hit in hits] == [
        "pipelines-backfill-idempotent",  # id and prompt
        "pipelines-feature-store-choice",  # id and tags
        "serving-shadow-traffic",  # a talking point
        "serving-latency-debug",  # the model answer only
    ]
    assert hits[0].found_in == ("id", "prompt")
    assert hits[-1].found_in == ("model answer",)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_whole_word_counts_more_than_the_start_of_a_longer_one(index: BankIndex) -> None:
    (whole,) = index.search(QuestionFilter(text="idempotent"))
    (start,) = index.search(QuestionFilter(text="idempo"))
    assert whole.question.id == start.question.id
    assert whole.score > start.score


def test_words_most_questions_hold_do_not_narrow_the_search(index: BankIndex) -> None:
    assert ids(index, QuestionFilter(text="the canary")) == ids(index, QuestionFilter(text="canary"))
    assert ids(index, QuestionFilter(text="the")) != []  # when every word is common, they still search


def test_the_same_search_gives_the_same_list_every_time(pack: Pack) -> None:
    choice = QuestionFilter(text="model")
    first = [hit.question.id for hit in BankIndex(pack, GRADER_WORDING).search(choice)]
    assert len(first) > 1
    for _ in range(3):
        assert [hit.question.id for hit in BankIndex(pack, GRADER_WORDING).search(choice)] == first


def test_markup_in_a_search_is_only_words(index: BankIndex) -> None:
    assert ids(index, QuestionFilter(text="[bold]")) == [CANARY]  # the prompt holds "[bold]p99 latency[/]"
    assert ids(index, QuestionFilter(text="[/]")) == ids(index, QuestionFilter())  # no word: no narrowing


def test_the_sheet_holds_everything_the_pack_says_about_the_question(pack: Pack) -> None:
    sheet = question_sheet(pack, pack.question(CANARY))
    assert (sheet.kind, sheet.area_title, sheet.level, sheet.minutes) == ("scenario", "Model serving", "senior", 10)
    assert "[bold]p99 latency[/]" in sheet.prompt  # as written: renderers show it literally
    assert [(point.text, point.weight_label) for point in sheet.points] == [
        ("Compares the canary against the baseline", "weight 2"),
        ("Rolls back before debugging", ""),
    ]
    assert [(step.number, step.reveal) for step in sheet.steps] == [(1, "The canary's GPU memory is at 98%.")]
    assert sheet.steps[0].points[0].text == "Suspects a memory leak or a bigger batch size"
    (flag,) = sheet.red_flags
    assert flag.why.startswith("A canary that is failing its gate")
    assert flag.contradicts == "Rolls back before debugging"
    assert sheet.follow_ups == ("How would you make the rollback one step?",)
    assert sheet.model_answer.startswith("- Compare the canary")
    assert [(fact.source, fact.as_of) for fact in sheet.facts] == [("argoproj.github.io/rollouts", "2026-11")]
    assert sheet.tags == ("canary", "rollback")


def test_a_mistyped_id_finds_the_ids_it_may_mean() -> None:
    pack = load_pack(TEST_PACK)
    assert close_ids(pack, "pipelines-technical")[0] == "pipelines-technical-1"
    assert close_ids(pack, "recruiter-q") == ["recruiter-q1", "recruiter-q2", "recruiter-q3"]
    assert close_ids(pack, "zzzz") == []


def test_the_shipped_pack_indexes_and_searches_quickly() -> None:
    from time import perf_counter

    from tui_interview.domain.locations import default_pack_dir

    pack = load_pack(default_pack_dir())
    started = perf_counter()
    index = BankIndex(pack, GRADER_WORDING)
    index.prepare()
    found = [hit.question.id for hit in index.search(QuestionFilter(text="pipelines"))]
    assert "pipelines-idempotent-daily-task" in found
    assert perf_counter() - started < 3  # about 0.25 s here; a generous bound for a loaded machine
