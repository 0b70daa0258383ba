"""Story drills: "tell story S for question Q", practised as a one-question practice session.

A drill is an ordinary practice of one behavioral question whose question carries a note naming the story to
tell (``Drill: tell your story 'The checkout outage' (checkout-outage)``). The note is shown with the question
while the candidate answers, is saved in the session like any question's note, and is how the report, the
practice feedback and the story schedule know later which story was drilled (:func:`drilled_story`). The
answer is graded as usual; the feedback adds whether it told that story (:mod:`.matching`) and what the
story's check found (:mod:`.check`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.bank.problems import Problem
from tui_interview.domain.formatting import escape_control_characters
from tui_interview.domain.planning.draw import LoopPlan
from tui_interview.domain.planning.practice import PracticeError, plan_questions
from tui_interview.domain.settings import PracticeChoice
from tui_interview.domain.stories.bank import Story, StoryBank, StoryError
from tui_interview.domain.stories.check import StoryCheck, check_story
from tui_interview.domain.stories.coverage import behavioral_questions, best_story, fit
from tui_interview.domain.stories.matching import StoryMatch

DRILL_TITLE: Final = "Story drill"
"""The title of a drill's stage (and so of its report and its history line)."""
_NOTE_PREFIX: Final = "Drill: tell your story "
_NOTE_RE: Final = re.compile(re.escape(_NOTE_PREFIX) + r".* \(([a-z0-9]+(?:-[a-z0-9]+)*)\)")


def drill_note(story: Story) -> str:
    """The note shown with a drilled question, naming the story to tell (read back by :func:`drilled_story`)."""
    return f"{_NOTE_PREFIX}'{escape_control_characters(story.title)}' ({story.id})"


def drilled_story(note: str | None) -> str | None:
    """The id of the story a question's ``note`` asks to tell, or None when it is not a drill's note."""
    found = _NOTE_RE.fullmatch(note or "")
    return found.group(1) if found else None


# Choosing what to drill ----------------------------------------------------------------------------------


def drill_questions(story: Story, stories: Sequence[Story], questions: Sequence[Question]) -> tuple[Question, ...]:
    """The behavioral questions ``story`` fits best (it is the coverage map's best story for them), closest first."""
    fitting = []
    for index, question in enumerate(behavioral_questions(questions)):
        found = fit(story, question)
        if found is not None and best_story(question, stories).story == story:
            shared, closeness, wording = found.rank
            fitting.append(((-shared, -closeness, -wording, index), question))
    return tuple(question for _, question in sorted(fitting, key=lambda item: item[0]))


def default_question(story: Story, stories: Sequence[Story], questions: Sequence[Question]) -> Question:
    """The question a drill of ``story`` is on when none is named: the one it fits best, else one it fits, else
    the first behavioral question. Raise :class:`PracticeError` when the pack has no behavioral question."""
    behavioral = behavioral_questions(questions)
    best = drill_questions(story, stories, questions)
    if best:
        return best[0]
    fitting = [question for question in behavioral if fit(story, question) is not None]
    if fitting or behavioral:
        return (fitting or list(behavioral))[0]
    raise PracticeError("the pack has no behavioral question to tell a story for")


def drill_plan(pack: Pack, bank: StoryBank, choice: PracticeChoice, seed: int) -> LoopPlan:
    """A one-question practice of ``choice``'s question (the story's default one if none) telling ``choice.story``.

    Raise :class:`StoryError` for a story the bank does not hold, :class:`PracticeError` for a question that is
    not in the pack or not behavioral, or more than one question.
    """
    story = _story(bank, choice.story or "")
    narrowing = [name for name, given in _narrowing(choice).items() if given]
    if narrowing:
        raise PracticeError(f"a story drill is one question: it cannot be combined with {', '.join(narrowing)}")
    if len(choice.question_ids) > 1:
        raise PracticeError("a drill tells one story for one question: name a single question")
    question_id = (
        choice.question_ids[0] if choice.question_ids else default_question(story, bank.stories, pack.questions).id
    )
    plan = plan_questions(pack, replace(choice, question_ids=(question_id,), story=None), seed)
    question = plan.stages[0].questions[0]
    if question.kind != "behavioral":
        others = ", ".join(q.id for q in behavioral_questions(pack.questions)[:5])
        raise PracticeError(
            f"question {question.id!r} is a {question.kind} question: a story is told for a behavioral one ({others}…)"
        )
    stage_plan = plan.stages[0]
    stage = stage_plan.stage.model_copy(update={"title": DRILL_TITLE, "intro": _intro(story)})
    drilled = replace(stage_plan, stage=stage, notes={question.id: drill_note(story)})
    return replace(plan, stages=(drilled,))


def _narrowing(choice: PracticeChoice) -> dict[str, bool]:
    return {
        "a stage": choice.stage is not None,
        "areas": bool(choice.areas),
        "kinds": bool(choice.kinds),
        "levels": bool(choice.levels),
        "a count": choice.count is not None,
        "due questions first": choice.due_first,
    }


def _story(bank: StoryBank, story_id: str) -> Story:
    story = bank.by_id.get(story_id)
    if story is None:
        known = ", ".join(bank.by_id) or "none yet: write one on the Stories screen"
        raise StoryError([Problem(bank.path or Path(), f"no story {story_id!r} to drill (stories: {known})")])
    return story


def _intro(story: Story) -> str:
    return (
        f"A story drill: tell your story '{escape_control_characters(story.title)}' for this question, as you would "
        "in the room, in about two minutes. The answer is graded as usual; the feedback also says whether it told "
        "that story and what the story's check found."
    )


# What a drill's feedback says ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillOutcome:
    """A drill's answer: the story drilled (None when the bank no longer holds it), and the story it told."""

    story_id: str
    story: Story | None
    told: StoryMatch | None

    @property
    def told_it(self) -> bool:
        return self.told is not None and self.told.story.id == self.story_id

    @property
    def check(self) -> StoryCheck | None:
        return check_story(self.story) if self.story is not None else None

    def lines(self) -> list[str]:
        """``Drill: told 'X', the story drilled (64% of its words)`` and the story's check, as plain text."""
        if self.story is None:
            return [f"Drill: the story {self.story_id!r} is no longer in your bank"]
        title = f"'{self.story.title}'"
        if self.told_it and self.told is not None:
            lines = [f"Drill: this answer told {title}, the story drilled (word overlap {self.told.score:.0%})"]
        elif self.told is not None:
            lines = [f"Drill: this answer did not tell {title}: it told '{self.told.story.title}'"]
        else:
            lines = [f"Drill: this answer did not tell {title} (it shares too few words with it)"]
        return lines + _check_lines(self.check)


def _check_lines(check: StoryCheck | None) -> list[str]:
    if check is None:
        return []
    if check.ready:
        return [f"Story check of '{check.story.title}': ready (every item passes)"]
    failing = [f"  ✗ {item.name}: {item.message}" for item in check.items if not item.passed]
    return [f"Story check of '{check.story.title}': {check.label}; to work on:", *failing]


def drill_outcomes(
    drills: Mapping[str, str], told: Mapping[str, StoryMatch | None], stories: Sequence[Story]
) -> dict[str, DrillOutcome]:
    """For each drilled question id (``drills``: its story id), what its answer did (``told``: the story it told)."""
    by_id = {story.id: story for story in stories}
    return {
        question_id: DrillOutcome(story_id, by_id.get(story_id), told.get(question_id))
        for question_id, story_id in drills.items()
        if question_id in told
    }
