"""The final grade of an answer: the offline grade and the optional LLM judge's verdict, merged.

The rule, per talking point (``question.all_points``, in order):

1. **A wrong claim that contradicts the point** (a red flag found by either grader, with ``contradicts`` set)
   leaves it *missed*, whatever the judge said.
2. **The judge's status stands** (covered, possible or missed; ``decided_by = "judge"``), with the judge's
   verbatim quote as the evidence, **unless the offline rules veto it**: when the judge rates a point higher
   than the offline grader did and its quote overlaps a mention of that point that the offline grader
   rejected (negated, dismissed, contrasted away, name-dropped in a list, a repeat of the question, stuffing,
   or only a weak signal), the evidence the judge relies on is the evidence the offline rules turned down,
   so the offline verdict stands (``decided_by = "grader"``) and its reason says the judge was overruled.
3. **No evidence, no credit**: a judge's *covered* without a quote that is really in the answer (``judge``
   already turns a made-up quote into *possible*; a cached verdict is checked again here) is *possible* at
   most, for the candidate to decide.

When there is no verdict, or the judge failed (not configured, unreachable, timed out, a malformed reply, a
verdict that does not fit the question), the offline grade stands unchanged, with a note saying why.

Red flags are the union of both graders' (each once, in ``question.red_flags`` order), a judge's only when
its quote is found in the answer at the offsets it gives. :class:`JudgedGrade` keeps the final grade, the
offline grade it came from, the verdict, who found each red flag and which grader produced the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.config import JudgeConfig
from tui_interview.domain.grading.grade import grade_answer, grade_json
from tui_interview.domain.grading.judge import JudgeVerdict, PointVerdict, cached_verdict, judge_answer
from tui_interview.domain.grading.results import (
    Evidence,
    Grade,
    Match,
    PointResult,
    PointStatus,
    RedFlagFound,
    Rejection,
)

GradedBy = Literal["grader", "judge"]
"""Which grader produced the scores: the offline grader alone, or the LLM judge checked by the offline rules."""

FoundBy = Literal["grader", "judge", "both"]

_RANK: dict[PointStatus, int] = {"missed": 0, "possible": 1, "covered": 2}


@dataclass(frozen=True, slots=True)
class JudgedGrade:
    """The final grade of one answer, and where it came from."""

    grade: Grade
    """The merged grade; each point's ``decided_by`` says who made the call."""
    offline: Grade
    """The offline grade alone."""
    verdict: JudgeVerdict | None = None
    """The judge's verdict (None when the judge was not asked)."""
    flags_found_by: tuple[FoundBy, ...] = ()
    """For each of ``grade.red_flags``: which grader found it."""
    graded_by: GradedBy = "grader"
    """``"judge"`` when the judge's verdict was merged in, else ``"grader"`` (not asked, or it failed)."""
    judge_error: str | None = None
    """Why the judge's verdict was not used, when it was asked."""

    @property
    def graded_by_text(self) -> str:
        """One line for the user: which grader produced the scores."""
        if self.graded_by == "judge" and self.verdict is not None:
            cached = ", cached" if self.verdict.cached else ""
            return f"LLM judge {self.verdict.model}{cached}, checked by the offline rules"
        if self.verdict is not None:
            return "offline grader (the LLM judge could not be used)"
        return "offline grader"


@dataclass(frozen=True, slots=True)
class CachedVerdicts:
    """The verdicts one judge model has already given, looked up by question and answer text.

    What scores and reports use: they never ask the endpoint (that happens once, after an answer is submitted,
    and its verdict is cached), so a report opens at once and reads the same offline as online.
    """

    model: str
    cache_dir: Path

    def __call__(self, question: Question, answer: str) -> JudgeVerdict | None:
        return cached_verdict(question, answer, self.model, self.cache_dir)

    def final_grade(self, question: Question, answer: str, offline: Grade) -> Grade:
        """``offline`` merged with the cached verdict on ``answer``; ``offline`` itself when there is none."""
        verdict = self(question, answer) if offline.points else None
        return offline if verdict is None else merge_verdict(question, answer, offline, verdict).grade


def offline_only(offline: Grade) -> JudgedGrade:
    """An offline grade as the final grade, nobody else asked."""
    return JudgedGrade(offline, offline, None, tuple("grader" for _ in offline.red_flags))


def grade_judged(question: Question, answer: str, config: JudgeConfig, *, cache_dir: Path | None = None) -> JudgedGrade:
    """Grade ``answer`` offline, ask the judge (blocking; never raises) and merge the two."""
    offline = grade_answer(question, answer)
    return merge_verdict(question, answer, offline, judge_answer(question, answer, config, cache_dir=cache_dir))


def merge_verdict(question: Question, answer: str, offline: Grade, verdict: JudgeVerdict | None) -> JudgedGrade:
    """Combine ``offline`` (graded on ``question.all_points``) with the judge's ``verdict`` on the same answer."""
    if verdict is None:
        return offline_only(offline)
    problem = verdict.error or _mismatch(question, offline, verdict)
    if problem is not None:
        note = f"the LLM judge could not be used ({problem}); the offline grade stands"
        sources = offline_only(offline).flags_found_by
        return JudgedGrade(replace(offline, notes=(*offline.notes, note)), offline, verdict, sources, "grader", problem)
    flags, found_by = _union_flags(question, answer, offline, verdict)
    contradicted: dict[int, tuple[RedFlagFound, FoundBy]] = {}
    for flag, source in zip(flags, found_by, strict=True):
        if flag.contradicts is not None and flag.contradicts not in contradicted:
            contradicted[flag.contradicts] = (flag, source)
    points = tuple(
        _merge_point(answer, point, verdict.point(point.index), contradicted.get(point.index))
        for point in offline.points
    )
    return JudgedGrade(Grade(offline.question_id, points, offline.notes, flags), offline, verdict, found_by, "judge")


def _mismatch(question: Question, offline: Grade, verdict: JudgeVerdict) -> str | None:
    """Why the verdict cannot be merged into ``offline``, or None when both cover ``question.all_points``."""
    texts = [point.text for point in question.all_points]
    if [point.text for point in offline.points] != texts or [p.index for p in offline.points] != list(
        range(len(texts))
    ):
        return "the offline grade is not over all the question's points"
    if sorted(p.index for p in verdict.points) != list(range(len(texts))):
        return f"the verdict has {len(verdict.points)} point(s) for {len(texts)}"
    return None


def _merge_point(
    answer: str,
    point: PointResult,
    judged: PointVerdict | None,
    contradiction: tuple[RedFlagFound, FoundBy] | None,
) -> PointResult:
    if contradiction is not None:
        flag, source = contradiction
        if source != "judge":
            return point  # the offline grader found the wrong claim and already withheld the point
        return _withdrawn(point, f"contradicted by a wrong claim: {flag.match.text!r} ({flag.text})", "judge")
    if judged is None:  # not reachable after _mismatch; kept so a bad verdict can never add credit
        return point
    span = _verified_span(answer, judged)
    status: PointStatus = judged.status
    reason: str | None = judged.reason or None
    if status != "missed" and span is None:
        status = "possible" if status == "covered" else status
        unverified = (
            f"the judge's quote is not in the answer: {judged.discarded_quote!r}"
            if judged.discarded_quote
            else "the judge gave no quote from the answer"
        )
        reason = f"{unverified}; {reason}" if reason else unverified
    if _RANK[status] > _RANK[point.status] and span is not None:
        veto = _rejected_inside(point, span)
        if veto is not None:
            why = point.reason or veto.reason
            return replace(point, reason=f"{why} (overrules the judge, which said {status})", decided_by="grader")
    if status == "missed":
        return _withdrawn(point, reason or "the judge found no evidence", "judge")
    if span is not None:
        evidence: Evidence | None = Evidence(span[0], span[1], answer[span[0] : span[1]])
    else:
        evidence = point.evidence  # show the candidate the sentence the offline grader saw, to check
    matches, rejected = point.matches, point.rejected
    if status != "covered":  # the offline grader's credited mentions did not convince the judge
        matches = ()
        doubt = f"not credited by the judge: {reason}" if reason else "not credited by the judge"
        rejected = _in_order(rejected + tuple(Rejection(match, doubt) for match in point.matches))
    return replace(
        point, matches=matches, rejected=rejected, status=status, evidence=evidence, reason=reason, decided_by="judge"
    )


def _withdrawn(point: PointResult, reason: str, decided_by: Literal["grader", "judge"]) -> PointResult:
    """``point`` as missed: the matches that earned credit become rejections with ``reason``."""
    rejected = _in_order(point.rejected + tuple(Rejection(match, reason) for match in point.matches))
    return replace(
        point, matches=(), rejected=rejected, status="missed", evidence=None, reason=reason, decided_by=decided_by
    )


def _in_order(rejected: tuple[Rejection, ...]) -> tuple[Rejection, ...]:
    return tuple(sorted(rejected, key=lambda rejection: rejection.match.start))


def _verified_span(answer: str, judged: PointVerdict) -> tuple[int, int] | None:
    """The judge's quote as (start, end) offsets, only when ``answer[start:end]`` is exactly the quote."""
    start, end = judged.start, judged.end
    if start is None or end is None or not judged.quote.strip():
        return None
    if not 0 <= start < end <= len(answer) or answer[start:end] != judged.quote:
        return None
    return start, end


def _rejected_inside(point: PointResult, span: tuple[int, int]) -> Rejection | None:
    """The first mention of ``point`` the offline grader rejected that overlaps the judge's quote, if any."""
    start, end = span
    for rejection in point.rejected:
        if rejection.match.start < end and start < rejection.match.end:
            return rejection
    return None


def _union_flags(
    question: Question, answer: str, offline: Grade, verdict: JudgeVerdict
) -> tuple[tuple[RedFlagFound, ...], tuple[FoundBy, ...]]:
    """Both graders' red flags, each once in ``question.red_flags`` order; the judge's only with a real quote."""
    flags = question.red_flags
    found: dict[int, tuple[RedFlagFound, FoundBy]] = {flag.index: (flag, "grader") for flag in offline.red_flags}
    for item in verdict.red_flags:
        if not 0 <= item.index < len(flags):
            continue
        if not (0 <= item.start < item.end <= len(answer)) or answer[item.start : item.end] != item.quote:
            continue  # not what the answer says at those offsets: not evidence
        if item.index in found:
            flag, _ = found[item.index]
            found[item.index] = (flag, "both")
            continue
        known = flags[item.index]
        match = Match(item.quote, item.quote, item.start, item.end)
        evidence = Evidence(item.start, item.end, item.quote)
        found[item.index] = (
            RedFlagFound(item.index, known.text, known.why, known.contradicts, match, evidence),
            "judge",
        )
    ordered = [found[index] for index in sorted(found)]
    return tuple(flag for flag, _ in ordered), tuple(source for _, source in ordered)


def judged_json(question: Question, judged: JudgedGrade) -> dict[str, Any]:
    """:func:`~tui_interview.domain.grading.grade.grade_json` of the final grade, plus who decided what:
    ``graded_by`` (``"grader"`` or ``"judge"``), ``judge`` (model, cached, error and the offline coverage; None
    when the judge was not asked), each point's ``decided_by`` and each red flag's ``found_by``."""
    data = grade_json(question, judged.grade)
    data["graded_by"] = judged.graded_by
    verdict = judged.verdict
    data["judge"] = (
        None
        if verdict is None
        else {
            "model": verdict.model,
            "cached": verdict.cached,
            "error": judged.judge_error,
            "offline_coverage": round(judged.offline.score, 4),
        }
    )
    for entry, point in zip(data["points"], judged.grade.points, strict=True):
        entry["decided_by"] = point.decided_by
    for entry, source in zip(data["red_flags"], judged.flags_found_by, strict=True):
        entry["found_by"] = source
    return data


__all__ = ["FoundBy", "GradedBy", "JudgedGrade", "grade_judged", "judged_json", "merge_verdict", "offline_only"]
