"""How the interviewer decides to follow up: on a missed talking point, as real interviewers probe."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import snowballstemmer

from tui_interview.domain.bank.pack import Point, Question
from tui_interview.domain.grading.grade import grade_texts
from tui_interview.domain.sessions.run import FollowUp

_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("english")


def _stems(text: str) -> set[str]:
    return set(_STEMMER.stemWords([word for word in _WORD.findall(text.lower()) if len(word) > 2]))


class MissedPointProber:
    """Follows up when an answer covered some of the question's points but missed others.

    It aims at the heaviest missed point and asks the pack's follow-up that shares most words with it.
    An answer that covered nothing gets no follow-up: the interviewer moves on, as they would.
    """

    def follow_up(self, question: Question, texts: list[str]) -> FollowUp | None:
        if not question.follow_ups:
            return None
        grades = [g for g in grade_texts(question, texts) if g.points]
        covered = [any(g.points[i].covered for g in grades) for i in range(len(question.points))]
        missed = [i for i, hit in enumerate(covered) if not hit]
        if not missed or not any(covered):
            return None
        target = max(missed, key=lambda i: question.points[i].weight)
        return FollowUp(prompt=self._closest(question.follow_ups, question.points[target]), point=target)

    @staticmethod
    def _closest(follow_ups: list[str], point: Point) -> str:
        wanted = _stems(" ".join([point.text, *point.keywords]))
        return max(follow_ups, key=lambda text: len(_stems(text) & wanted))


@dataclass(frozen=True)
class SuggestedFollowUp:
    """A follow-up the interviewer may ask, and the talking point not heard yet that it aims at (if any)."""

    prompt: str
    aimed_at: int | None = None
    """Index in ``question.all_points`` of the point it probes; None for the others, in the pack's order."""


def follow_ups_to_ask(question: Question, heard: Collection[int], steps_shown: int) -> list[SuggestedFollowUp]:
    """The question's follow-ups in the order to ask them: first the one aimed at the heaviest talking point not
    heard yet (the first such point on a tie), chosen as :class:`MissedPointProber` chooses; then the rest in the
    pack's order. Only points already asked count: the prompt's, and those of the ``steps_shown`` steps revealed.
    """
    points, step_of = question.all_points, question.step_of_point
    unheard = [i for i in range(len(points)) if i not in heard and step_of.get(i, 0) <= steps_shown]
    if not question.follow_ups or not unheard:
        return [SuggestedFollowUp(prompt) for prompt in question.follow_ups]
    target = max(unheard, key=lambda i: points[i].weight)
    first = MissedPointProber._closest(question.follow_ups, points[target])
    rest = list(question.follow_ups)
    rest.remove(first)
    return [SuggestedFollowUp(first, target), *(SuggestedFollowUp(prompt) for prompt in rest)]
