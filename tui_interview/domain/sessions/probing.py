"""How the interviewer decides to follow up: on a missed talking point, as real interviewers probe."""

from __future__ import annotations

import re

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
