"""The report's lines about preparation: the target company, tailoring, and the stories told.

What the session and the pack cannot say on their own comes in a :class:`ReportContext`: the story bank and
the target profile the loop was drawn for, read from the data folder by the workspace. The report then says:

* **Target**: the company and role the loop was drawn for;
* **Tailoring**: which "why this company / why this role" answers referred to the company's context (its
  product, use of ML, stack, research notes) and which fell back on generic praise, and which other answers
  referred to it;
* **Stories**: which prepared story each behavioral answer told, a warning when one story was told twice,
  and the story that would have fitted a question better; for a story drill, whether the answer told the story
  drilled and what that story's check found.

The same lines, for one question, follow its practice feedback (:meth:`Preparation.lines_for`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.stories.bank import Story
from tui_interview.domain.stories.drill import DrillOutcome, drill_outcomes, drilled_story
from tui_interview.domain.stories.matching import StoryUse, stories_told
from tui_interview.domain.targets.profile import Target
from tui_interview.domain.targets.tailoring import Tailoring, is_why_question, referring_answers

Answered = tuple[str, Question, str]
"""An answer of the session: where it is ("Behavioral Q2"), its question, and everything typed for it."""


@dataclass(frozen=True)
class ReportContext:
    """The candidate's preparation, read from the data folder, for the report of one session."""

    stories: tuple[Story, ...] = ()
    target_id: str | None = None
    """The target the session was drawn for (kept in the session), even when its profile cannot be read."""
    target: Target | None = None
    problems: tuple[str, ...] = ()
    """Why the story bank or the target could not be read, one line each."""
    drills: Mapping[str, str] = field(default_factory=dict)
    """For each question of the session that was a story drill, the id of the story drilled."""


@dataclass(frozen=True)
class TailoredAnswer:
    label: str
    question_id: str
    why: bool
    """A "why this company / why this role" question."""
    tailoring: Tailoring


@dataclass(frozen=True)
class Preparation:
    """What the report says about the target, tailoring and stories."""

    target_id: str | None
    target: Target | None
    tailoring: tuple[TailoredAnswer, ...]
    stories: tuple[StoryUse, ...]
    bank_size: int
    problems: tuple[str, ...]
    drills: Mapping[str, DrillOutcome] = field(default_factory=dict)
    """Per drilled question id: whether its answer told the story drilled, and that story's check."""

    @property
    def prepared(self) -> bool:
        """Whether the candidate had prepared anything for this session: a target, or stories."""
        return self.target_id is not None or self.bank_size > 0

    @property
    def repeats(self) -> tuple[StoryUse, ...]:
        """Answers that told a story an earlier answer of the session had told."""
        return tuple(use for use in self.stories if use.repeat_of is not None)

    def lines(self) -> list[str]:
        """The report's preparation lines, as plain text (shown literally)."""
        lines = [*self._target_lines(), *self._story_lines()]
        return lines + [f"Not read: {problem}" for problem in self.problems]

    def _target_lines(self) -> list[str]:
        if self.target_id is None:
            return []
        if self.target is None:
            return [f"Target: {self.target_id} (its profile cannot be read: tailoring not checked)"]
        lines = [f"Target: {self.target.title}"]
        why = [answer for answer in self.tailoring if answer.why]
        referred = [answer for answer in why if answer.tailoring.kinds]
        company = self.target.company
        if why:
            lines.append(f"Tailoring: {len(referred)} of {len(why)} why-this-company answers referred to {company}:")
            lines += [f"  {answer.label}: {answer.tailoring.label}" for answer in why]
        others = [answer for answer in self.tailoring if not answer.why]
        if others:
            lines.append(f"  Other answers that referred to {company}: " + ", ".join(a.label for a in others))
        if not why and not others:
            lines.append(f"Tailoring: no answer referred to {company}'s product, use of ML, stack or notes")
        return lines

    def _story_lines(self) -> list[str]:
        if not self.stories:
            return []
        if not self.bank_size:
            return ["Stories: none prepared yet (write 5 to 7 on the Stories screen)"]
        lines = ["Stories told:"]
        for use in self.stories:
            lines.append(f"  {use.label}: {_use_label(use)}")
            drill = self.drills.get(use.question.id)
            if drill is not None:
                lines.append(f"    {drill.lines()[0]}")
        if self.repeats:
            titles = sorted({f"'{use.told.story.title}'" for use in self.repeats if use.told})
            lines.append(f"  Warning: {', '.join(titles)} told more than once in this session")
        return lines

    def lines_for(self, question_id: str) -> list[str]:
        """The preparation lines about one question, for its practice feedback: the story its answer told (and
        a better one, a repeat), a drill's outcome with the story's check, and its tailoring."""
        lines = []
        use = next((use for use in self.stories if use.question.id == question_id), None)
        if use is not None:
            lines.append(f"Story told: {_use_label(use)}" if self.bank_size else self._story_lines()[0])
        drill = self.drills.get(question_id)
        if drill is not None:
            lines += drill.lines()
        tailored = next((answer for answer in self.tailoring if answer.question_id == question_id), None)
        if tailored is not None and self.target is not None:
            lines.append(f"Tailoring to {self.target.company}: {tailored.tailoring.label}")
        return lines


def _use_label(use: StoryUse) -> str:
    told = f"'{use.told.story.title}'" if use.told else "no prepared story"
    if use.repeat_of is not None:
        told += f", told again (first in {use.repeat_of})"
    if use.better is not None:
        told += f"; '{use.better.title}' fits this question {'better' if use.told else 'well'}"
    return told


def preparation(answers: Sequence[Answered], context: ReportContext) -> Preparation:
    """The preparation lines of a session whose ``answers`` are given in order."""
    target = context.target
    tailored: tuple[TailoredAnswer, ...] = ()
    if target is not None:
        tailored = tuple(
            TailoredAnswer(label, question.id, is_why_question(question), found)
            for label, question, found in referring_answers(answers, target)
        )
    uses = stories_told(answers, context.stories)
    told = {use.question.id: use.told for use in uses}
    drills = drill_outcomes(context.drills, told, context.stories)
    return Preparation(context.target_id, target, tailored, uses, len(context.stories), context.problems, drills)


def drills_in(record: SessionRecord) -> dict[str, str]:
    """For each question of ``record`` that was a drill, the id of the story drilled."""
    drills = {}
    for stage in record.stages:
        for answer in stage.answers:
            story_id = drilled_story(answer.note)
            if story_id is not None:
                drills[answer.question_id] = story_id
    return drills
