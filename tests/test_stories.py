"""The STAR story bank without a screen: the file format, the check, the coverage map and story matching."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, TEST_PACK
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.star import star_analysis
from tui_interview.domain.locations import default_pack_dir, stories_file
from tui_interview.domain.stories.bank import (
    Story,
    StoryBank,
    StoryError,
    delete_story,
    load_stories,
    save_story,
    stories_toml,
    writable_path,
)
from tui_interview.domain.stories.check import (
    SPOKEN_RANGE_SECONDS,
    WORDS_PER_MINUTE,
    check_story,
    spoken_length,
)
from tui_interview.domain.stories.coverage import SEED_COMPETENCIES, coverage_map
from tui_interview.domain.stories.matching import MATCH_THRESHOLD, stories_told, story_told
from tui_interview.domain.vocabulary import COMPETENCIES

STORIES = REPO / "tests" / "data" / "stories" / "stories.toml"

OUTAGE_RETOLD = (
    "At my previous job, a grocery marketplace, our checkout ranking service began timing out one Friday after "
    "someone deployed the feature store. I was on call. I rolled back the deploy first, kept support updated in "
    "the incident channel, and later found a schema change in one feature view sent lookups down a slow path. "
    "Errors went from 12% to under half a percent in 18 minutes, and I added a contract test."
)
OTHER_INCIDENT = (
    "At my last job our Kafka consumers for the fraud model fell behind during a traffic spike and predictions "
    "went stale. I was on call, so I scaled the consumer group, paused a backfill that competed for partitions, "
    "and we were back within 25 minutes. I then added a lag alert and wrote the postmortem."
)
OTHER_DISAGREEMENT = (
    "My manager wanted to adopt a vendor feature store and I disagreed because our needs were simple. I built a "
    "small prototype on Redis, compared latency and cost, and presented it. We kept the simple design and saved "
    "the licence fee."
)
GPU_RETOLD = (
    "I pushed back when our lead wanted to move every model server to a new GPU family in a weekend. I benchmarked "
    "with replayed peak traffic and proposed a two week pilot; it was 31% cheaper for one workload, so we migrated "
    "only that one."
)


@pytest.fixture
def bank() -> StoryBank:
    return load_stories(STORIES)


@pytest.fixture
def shipped() -> Pack:
    return load_pack(default_pack_dir())


def story(**fields: object) -> Story:
    return Story.model_validate({"id": "s", "title": "A story", **fields})


def write(home: Path, text: str) -> Path:
    path = stories_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# The file ------------------------------------------------------------------------------------------------


def test_the_example_bank_loads_in_file_order(bank: StoryBank) -> None:
    assert [s.id for s in bank.stories][:3] == [
        "checkout-outage",
        "gpu-migration-disagreement",
        "leaky-validation-split",
    ]
    assert bank.by_id["checkout-outage"].figures == ["error rate from 12% to 0.4% in 18 minutes"]


def test_no_file_is_an_empty_bank(tmp_path: Path) -> None:
    assert len(load_stories(tmp_path / "stories.toml")) == 0


def test_a_story_is_told_in_star_order_with_its_reflection_last() -> None:
    told = story(situation="S.", task="T.", action="A.", result="R.", reflection="L.").telling
    assert told == "S.\n\nT.\n\nA.\n\nR.\n\nL."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[stories]]\nid = "a" x\n', "line 2: TOML syntax error"),
        (
            '[[stories]]\nid = "a"\ntitle = "T"\nsituaton = "typo"\n',
            "line 2: story 'a': field 'situaton': unknown field",
        ),
        ('[[stories]]\nid = "Bad Id"\ntitle = "T"\n', "story 'Bad Id': field 'id': String should match pattern"),
        ('[[stories]]\nid = "a"\n', "story 'a': field 'title': Field required"),
        ('[[stories]]\nid = "a"\ntitle = "T"\ncompetencies = ["heroics"]\n', "field 'competencies.0': Input should be"),
        ('title = "T"\n', "field 'title': unknown top-level key (the file holds only [[stories]])"),
        ('[stories]\nid = "a"\n', "field 'stories': Input should be a valid list (write [[stories]] tables)"),
        ("x = " + "[" * 500 + "]" * 500 + "\n", "cannot be read: nested more than 100 levels deep"),
        (
            '[[stories]]\nid = "a"\ntitle = "T"\n\n[[stories]]\nid = "a"\ntitle = "U"\n',
            "line 6: story 'a': field 'id': the id is used by an earlier story",
        ),
    ],
)
def test_a_bad_file_gets_one_located_line_per_problem(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(StoryError) as raised:
        load_stories(path)
    assert expected in str(raised.value)
    assert all(str(problem).startswith(str(path)) for problem in raised.value.problems)


def test_every_bad_story_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = '[[stories]]\nid = "a"\n\n[[stories]]\nid = "b"\ntitle = "B"\nresult = 3\n\n[[stories]]\ntitle = "C"\n'
    with pytest.raises(StoryError) as raised:
        load_stories(write(tmp_path, text))
    assert [(p.question, p.field) for p in raised.value.problems] == [
        ("a", "title"),
        ("b", "result"),
        ("#3 (no id)", "id"),
    ]


def test_a_file_that_is_not_utf8_or_not_a_file_is_reported(tmp_path: Path) -> None:
    path = stories_file(tmp_path)
    path.write_bytes(b'[[stories]]\nid = "a"\ntitle = "\xff"\n')
    with pytest.raises(StoryError, match="not UTF-8"):
        load_stories(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(StoryError, match="not a regular file"):
        load_stories(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_reported_never_waited_on(tmp_path: Path) -> None:
    os.mkfifo(stories_file(tmp_path))
    with pytest.raises(StoryError, match="FIFO"):
        load_stories(stories_file(tmp_path))


def test_markup_and_control_characters_are_kept_as_written(tmp_path: Path) -> None:
    text = '[[stories]]\nid = "a"\ntitle = "[bold]Big[/bold] \\u001b[31mred"\naction = "I [link=x]fixed[/link] it"\n'
    loaded = load_stories(write(tmp_path, text)).stories[0]
    assert loaded.title == "[bold]Big[/bold] \x1b[31mred"
    assert loaded.action == "I [link=x]fixed[/link] it"


# Saving --------------------------------------------------------------------------------------------------


def test_a_saved_story_reads_back_the_same(tmp_path: Path, bank: StoryBank) -> None:
    for each in bank.stories:
        save_story(tmp_path, each)
    assert load_stories(stories_file(tmp_path)).stories == bank.stories
    assert stories_toml(bank).startswith("# STAR stories for tui-interview")


def test_saving_replaces_the_story_being_edited_and_may_rename_it(tmp_path: Path) -> None:
    save_story(tmp_path, story(id="a", title="First"))
    save_story(tmp_path, story(id="b", title="Second"))
    saved = save_story(tmp_path, story(id="c", title="Renamed"), replacing="a")
    assert [(s.id, s.title) for s in saved.stories] == [("c", "Renamed"), ("b", "Second")]
    with pytest.raises(StoryError, match="another story already has the id 'b'"):
        save_story(tmp_path, story(id="b", title="Clash"), replacing="c")
    with pytest.raises(StoryError, match="another story already has the id 'b'"):
        save_story(tmp_path, story(id="b", title="Clash"))
    assert [s.id for s in delete_story(tmp_path, "c").stories] == ["b"]


def test_a_file_that_cannot_be_read_is_never_overwritten(tmp_path: Path) -> None:
    broken = '[[stories]]\nid = "a"\ntitle = "T"\nsituaton = "my draft"\n'
    path = write(tmp_path, broken)
    with pytest.raises(StoryError, match="it is not overwritten"):
        save_story(tmp_path, story(id="b", title="New"))
    with pytest.raises(StoryError, match="it is not overwritten"):
        delete_story(tmp_path, "a")
    assert path.read_text(encoding="utf-8") == broken


def test_the_app_writes_only_stories_toml_in_the_data_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    with pytest.raises(StoryError, match="saves stories only in"):
        writable_path(tmp_path / "home", elsewhere)
    home = tmp_path / "home"
    home.mkdir()
    elsewhere.write_text("# someone else's file\n", encoding="utf-8")
    stories_file(home).symlink_to(elsewhere)
    with pytest.raises(StoryError, match="symbolic link"):
        save_story(home, story())
    assert elsewhere.read_text(encoding="utf-8") == "# someone else's file\n"


def test_saving_is_atomic_no_temporary_file_is_left(tmp_path: Path) -> None:
    save_story(tmp_path, story())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stories.toml"]


# The check -----------------------------------------------------------------------------------------------


def test_a_complete_story_passes_every_check(bank: StoryBank) -> None:
    check = check_story(bank.by_id["checkout-outage"])
    assert check.ready, check.to_do
    assert check.label == "ready"
    assert check.star.measurable_result


def test_a_sketch_fails_each_check_with_advice(bank: StoryBank) -> None:
    check = check_story(bank.by_id["sketch"])
    messages = {item.name: item.message for item in check.to_do}
    assert check.label == "0/8 checks"
    assert messages["situation"].startswith("only 5 words: write it out")
    assert messages["task"].startswith("not written yet")
    assert messages["own actions"] == "no action of your own ('I ...') ('I' 0, 'we' 2)"
    assert messages["reflection"].startswith("not written yet")


def test_we_outnumbering_i_is_flagged_as_the_grader_flags_it() -> None:
    text = (
        "We looked at the dashboards, we rolled back the release, and we wrote the fix together, then we "
        "reviewed it; I also checked the alerts."
    )
    check = check_story(story(action=text))
    item = next(i for i in check.items if i.name == "own actions")
    assert not item.passed
    assert "'we' outnumbers 'I'" in item.message
    assert star_analysis(check.story.telling).we_outnumbers_i


def test_a_result_without_a_figure_points_at_the_story_s_own_figures(bank: StoryBank) -> None:
    check = check_story(bank.by_id["leaky-validation-split"])
    item = next(i for i in check.items if i.name == "measurable result")
    assert not item.passed
    assert item.message == "the result has no figure: add a number; your figures: AUC 0.91 offline, 0.74 online"


def test_the_check_and_the_behavioral_grader_never_disagree(bank: StoryBank, shipped: Pack) -> None:
    """The STAR lines of the grader on a story told word for word are the check's own analysis."""
    question = shipped.by_id["behavioral-incident-worst-ml-outage"]
    for each in bank.stories:
        check = check_story(each)
        grade = grade_answer(question, each.telling)
        assert star_analysis(each.telling) == check.star
        parts = {item.name for item in check.items if item.passed}
        assert {p for p in ("situation", "task", "action", "result") if p in parts} <= set(check.star.present)
        measured = [p for p in grade.points if "quantif" in p.text.lower() or "measur" in p.text.lower()]
        for point in measured:
            assert point.covered == check.star.measurable_result


def test_spoken_length_at_the_stated_pace() -> None:
    length = spoken_length("word " * 300)
    assert length.seconds == 300 * 60 / WORDS_PER_MINUTE == 120
    assert length.verdict == "about right"
    assert length.label == "300 words · about 2:00 spoken at 150 words a minute (aim for about 2:00)"
    low, high = SPOKEN_RANGE_SECONDS
    assert spoken_length("word " * int(low * WORDS_PER_MINUTE / 60 - 1)).verdict == "short"
    assert spoken_length("word " * int(high * WORDS_PER_MINUTE / 60 + 1)).verdict == "long"


# The coverage map ----------------------------------------------------------------------------------------


def test_the_shipped_behavioral_questions_carry_competencies(shipped: Pack) -> None:
    behavioral = [q for q in shipped.questions if q.kind == "behavioral"]
    assert behavioral
    assert all(q.competencies for q in behavioral)
    assert {c for q in behavioral for c in q.competencies} == set(COMPETENCIES)


def test_coverage_names_the_competencies_without_a_story(bank: StoryBank, shipped: Pack) -> None:
    coverage = coverage_map(bank.stories, shipped.questions)
    assert {item.competency for item in coverage.missing} == set(COMPETENCIES) - _tagged(bank) == set()
    without_mentoring = [s for s in bank.stories if s.id != "mentoring-new-hire"]
    coverage = coverage_map(without_mentoring, shipped.questions)
    assert [item.competency for item in coverage.missing] == ["mentoring"]
    assert coverage.missing_seed == ()
    assert [item.competency for item in coverage.competencies] == list(COMPETENCIES)


def test_the_seed_three_are_flagged_when_missing(shipped: Pack) -> None:
    only = [story(id="outage", competencies=["production-incident"])]
    coverage = coverage_map(only, shipped.questions)
    assert coverage.missing_seed == SEED_COMPETENCIES


def test_each_question_gets_the_story_that_fits_it_best(bank: StoryBank, shipped: Pack) -> None:
    coverage = coverage_map(bank.stories, shipped.questions)
    fits = {fit.question.id: fit for fit in coverage.fits}
    incident = fits["behavioral-incident-worst-ml-outage"]
    assert incident.story is not None
    assert incident.story.id == "checkout-outage"
    mistake = next(f for f in coverage.fits if f.question.competencies == ["mistake-learning"])
    assert mistake.story is not None
    assert mistake.story.id == "leaky-validation-split"
    assert all(f.story is None for f in coverage.fits if not set(f.question.competencies) & _tagged(bank))


def _tagged(bank: StoryBank) -> set[str]:
    return {c for s in bank.stories for c in s.competencies}


def test_one_story_for_everything_is_stretched(shipped: Pack) -> None:
    everything = story(id="everything", competencies=list(COMPETENCIES))
    coverage = coverage_map([everything], shipped.questions)
    assert [load.story.id for load in coverage.stretched] == ["everything"]
    assert len(coverage.loads[0].questions) == len(coverage.fits)


def test_a_balanced_bank_stretches_no_story(bank: StoryBank, shipped: Pack) -> None:
    assert coverage_map(bank.stories, shipped.questions).stretched == ()


# Which story an answer told ------------------------------------------------------------------------------


def test_a_retelling_in_other_words_is_matched(bank: StoryBank) -> None:
    told = story_told(OUTAGE_RETOLD, bank.stories)
    assert told is not None
    assert told.story.id == "checkout-outage"
    assert told.score >= MATCH_THRESHOLD
    gpu = story_told(GPU_RETOLD, bank.stories)
    assert gpu is not None
    assert gpu.story.id == "gpu-migration-disagreement"


@pytest.mark.parametrize("answer", [OTHER_INCIDENT, OTHER_DISAGREEMENT, "I don't have an example.", ""])
def test_another_event_of_the_same_kind_is_no_match(bank: StoryBank, answer: str) -> None:
    assert story_told(answer, bank.stories) is None


def test_a_loop_that_tells_one_story_twice_is_warned(bank: StoryBank, shipped: Pack) -> None:
    incident = shipped.by_id["behavioral-incident-worst-ml-outage"]
    mistake = next(q for q in shipped.questions if q.competencies == ["mistake-learning"])
    technical = next(q for q in shipped.questions if q.kind == "technical")
    answers = [
        ("Behavioral Q1", incident, OUTAGE_RETOLD),
        ("Technical Q1", technical, OUTAGE_RETOLD),
        ("Behavioral Q2", mistake, OUTAGE_RETOLD),
        ("Behavioral Q3", incident, OTHER_INCIDENT),
    ]
    uses = stories_told(answers, bank.stories)
    assert [u.label for u in uses] == ["Behavioral Q1", "Behavioral Q2", "Behavioral Q3"]
    first, second, third = uses
    assert first.told is not None
    assert first.repeat_of is None
    assert first.better is None
    assert second.repeat_of == "Behavioral Q1"
    assert second.better is not None
    assert second.better.id == "leaky-validation-split"
    assert third.told is None
    assert third.better is not None
    assert third.better.id == "checkout-outage"


def test_stories_match_on_the_test_pack_too(bank: StoryBank) -> None:
    question: Question = load_pack(TEST_PACK).by_id["behavioral-q1"]
    uses = stories_told([("Behavioral Q1", question, OUTAGE_RETOLD)], bank.stories)
    assert uses[0].told is not None
    assert uses[0].better is None


def test_a_copy_of_the_example_bank_is_a_valid_data_folder_bank(tmp_path: Path) -> None:
    shutil.copy(STORIES, stories_file(tmp_path))
    assert len(load_stories(stories_file(tmp_path))) == 6
