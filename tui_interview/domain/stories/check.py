"""How a prepared story would fare when told in a behavioral round, and how long it takes to tell.

The check runs the behavioral grader's own STAR analysis (:func:`~tui_interview.domain.grading.star.star_analysis`)
on the story as it is told (:attr:`~tui_interview.domain.stories.bank.Story.telling`: every part in order), so a
story that passes here is one whose telling the grader finds all four parts in, with actions of the
candidate's own and a measurable result: the two never disagree. On top of that it asks for what the grader
cannot see in a single answer: that each part is really written out (not one line), and a reflection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from tui_interview.domain.formatting import clock_label, plural
from tui_interview.domain.grading.star import PART_ADVICE, STAR_PARTS, StarAnalysis, star_analysis
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.stories.bank import Story

WORDS_PER_MINUTE: Final = 150
"""The pace the spoken length is estimated at: a calm interview pace (conversation runs 130 to 170 a minute)."""
SPOKEN_TARGET_SECONDS: Final = 120
"""About two minutes: long enough for all of STAR, short enough to leave the interviewer room to probe."""
SPOKEN_RANGE_SECONDS: Final = (90, 150)
"""A telling shorter than this sounds thin, a longer one loses the interviewer."""
SUBSTANTIVE_WORDS: Final = 12
"""A STAR part written in fewer words is a sketch, not yet something to tell."""
REFLECTION_WORDS: Final = 8

ItemName = Literal["situation", "task", "action", "result", "own actions", "measurable result", "reflection", "length"]
LengthVerdict = Literal["short", "about right", "long"]


@dataclass(frozen=True)
class CheckItem:
    """One thing the check looks at, whether the story has it, and what to do if not."""

    name: ItemName
    passed: bool
    message: str


@dataclass(frozen=True)
class SpokenLength:
    """How long a text takes to say at :data:`WORDS_PER_MINUTE`."""

    words: int
    seconds: float
    verdict: LengthVerdict

    @property
    def label(self) -> str:
        """``212 words · about 1:25 spoken at 150 words a minute (aim for about 2:00)``."""
        return (
            f"{plural(self.words, 'word')} · about {clock_label(self.seconds)} spoken at {WORDS_PER_MINUTE} words a "
            f"minute (aim for about {clock_label(SPOKEN_TARGET_SECONDS)})"
        )


@dataclass(frozen=True)
class StoryCheck:
    """Everything the check found about one story."""

    story: Story
    star: StarAnalysis
    """The grader's STAR analysis of the story's telling."""
    items: tuple[CheckItem, ...]
    length: SpokenLength

    @property
    def passed(self) -> int:
        return sum(item.passed for item in self.items)

    @property
    def ready(self) -> bool:
        """Every item passed: the story is ready to tell."""
        return self.passed == len(self.items)

    @property
    def label(self) -> str:
        """``ready`` or ``5/8 checks``, for a list of stories."""
        return "ready" if self.ready else f"{self.passed}/{len(self.items)} checks"

    @property
    def to_do(self) -> tuple[CheckItem, ...]:
        return tuple(item for item in self.items if not item.passed)


def spoken_length(text: str) -> SpokenLength:
    """How long ``text`` takes to say, and whether that is short, about right or long for a story."""
    words = words_in(text)
    seconds = words * 60 / WORDS_PER_MINUTE
    low, high = SPOKEN_RANGE_SECONDS
    verdict: LengthVerdict = "short" if seconds < low else "long" if seconds > high else "about right"
    return SpokenLength(words, seconds, verdict)


def check_story(story: Story) -> StoryCheck:
    """The check of ``story``: each STAR part, whose actions, a measurable result, a reflection, the length."""
    star = star_analysis(story.telling)
    items = [*(_part_item(story, part, star) for part in STAR_PARTS)]
    items += [_own_actions(star), _measurable(story, star), _reflection(story)]
    length = spoken_length(story.telling)
    items.append(_length_item(length))
    return StoryCheck(story, star, tuple(items), length)


def _part_item(story: Story, part: Literal["situation", "task", "action", "result"], star: StarAnalysis) -> CheckItem:
    words = words_in(story.part(part))
    if words == 0:
        return CheckItem(part, False, f"not written yet: {PART_ADVICE[part]}")
    if words < SUBSTANTIVE_WORDS:
        return CheckItem(part, False, f"only {plural(words, 'word')}: write it out ({PART_ADVICE[part]})")
    if part not in star.present:
        return CheckItem(part, False, f"written, but the grader does not recognise one: {PART_ADVICE[part]}")
    return CheckItem(part, True, "there")


def _own_actions(star: StarAnalysis) -> CheckItem:
    counts = f"'I' {star.i_count}, 'we' {star.we_count}"
    if "action" not in star.present:
        return CheckItem("own actions", False, f"no action of your own ('I ...') ({counts})")
    if star.we_outnumbers_i:
        return CheckItem("own actions", False, f"'we' outnumbers 'I': make clear which actions were yours ({counts})")
    return CheckItem("own actions", True, counts)


def _measurable(story: Story, star: StarAnalysis) -> CheckItem:
    if star.measurable_result:
        return CheckItem("measurable result", True, ", ".join(star.result_figures))
    hint = f"; your figures: {'; '.join(story.figures)}" if story.figures else ""
    if "result" not in star.present:
        return CheckItem("measurable result", False, f"no result to measure yet{hint}")
    return CheckItem("measurable result", False, f"the result has no figure: add a number{hint}")


def _reflection(story: Story) -> CheckItem:
    words = words_in(story.reflection)
    if words == 0:
        return CheckItem("reflection", False, "not written yet: what you learned, or would do differently")
    if words < REFLECTION_WORDS:
        advice = "say what you learned and what changed since"
        return CheckItem("reflection", False, f"only {plural(words, 'word')}: {advice}")
    return CheckItem("reflection", True, "there")


def _length_item(length: SpokenLength) -> CheckItem:
    if length.verdict == "about right":
        return CheckItem("length", True, length.label)
    advice = "add detail to the action and the result" if length.verdict == "short" else "cut the situation short"
    return CheckItem("length", False, f"{length.verdict}: {length.label}; {advice}")
