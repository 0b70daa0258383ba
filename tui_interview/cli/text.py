"""Plain-text renderings for the terminal: a drawn plan, a graded answer and the session history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_interview.domain.formatting import format_mmss, plural
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.vocabulary import UNLEVELLED_KINDS

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Question
    from tui_interview.domain.grading.judged import JudgedGrade
    from tui_interview.domain.history.index import HistoryView
    from tui_interview.domain.planning.draw import LoopPlan


def plan_text(plan: LoopPlan, loop_title: str) -> str:
    """The loop's title, then each stage with its questions' ids, areas, kinds and levels in columns (no level
    for a kind whose level means nothing)."""
    lines = [f"{loop_title} — pack {plan.pack_id}, seed {plan.seed}"]
    if plan.target is not None:
        lines.append(f"Target: {plan.target.label}")
    if plan.level is not None:
        lines.append(f"Level: {plan.level} (questions at that level first, then adjacent levels)")
    for number, stage_plan in enumerate(plan.stages, start=1):
        stage = stage_plan.stage
        lines.append("")
        lines.append(
            f"{number}. {stage.title} — {stage.minutes:g} min, {plural(len(stage_plan.questions), 'question')}"
            f" ({stage.interviewer.name}, {stage.interviewer.role})"
        )
        width = max(len(question.id) for question in stage_plan.questions)
        for question in stage_plan.questions:
            level = "" if question.kind in UNLEVELLED_KINDS else question.level
            lines.append(f"   {question.id:<{width}}  {question.area:<14} {question.kind:<10} {level}".rstrip())
    return "\n".join(lines)


def grade_text(question: Question, judged: JudgedGrade, area_title: str) -> str:
    """Coverage and which grader produced it, then each point: ✓ covered, ? possible (check this) or ✗ missed,
    with the keywords that matched, the evidence quoted from the answer and the reason; then the red flags with
    why they are wrong, and the notes."""
    grade = judged.grade
    step_of = question.step_of_point
    points = grade.points
    unsure = len(grade.possible)
    check = f"; {unsure} to check" if unsure else ""
    lines = [
        f"{question.id} — {question_about_text(question.kind, area_title, question.level, separator=', ')}",
        f"Coverage {grade.score:.0%} ({len(grade.covered)} of {len(points)} points{check})",
        f"Graded by: {judged.graded_by_text}",
        "",
    ]
    by_judge = judged.graded_by == "judge"
    for point in points:
        step = f"step {step_of[point.index]}: " if point.index in step_of else ""
        mark = _MARKS[point.status]
        lines.append(f"{mark} {step}{point.text}" + (" — check this" if point.possible else ""))
        if point.matched_keywords:
            lines.append(f"    matched: {', '.join(point.matched_keywords)}")
        if point.evidence is not None:
            lines.append(f"    evidence: {_quote(point.evidence.text)}")
        judge_says = point.reason if point.decided_by == "judge" else None
        # one line per distinct reason: several keywords rejected in the same words give the same reason
        reasons = [reason for reason in dict.fromkeys(point.reasons) if reason != judge_says]
        lines.extend(f"    not credited: {reason}" for reason in reasons)
        if judge_says:
            lines.append(f"    judge: {judge_says}")
        elif point.reason and point.reason not in reasons:
            lines.append(f"    {'check this' if point.possible else 'why'}: {point.reason}")
        if by_judge:
            lines.append(f"    decided by: {point.decided_by}")
    if grade.red_flags:
        lines += ["", "Red flags (wrong claims in the answer):"]
        for flag, found_by in zip(grade.red_flags, judged.flags_found_by, strict=False):
            lines.append(f"! {flag.text}")
            lines.append(f"    said: {_quote(flag.evidence.text)}")
            lines.append(f"    why it is wrong: {flag.why}")
            if flag.contradicts is not None and 0 <= flag.contradicts < len(points):
                lines.append(f"    so no credit for: {points[flag.contradicts].text}")
            if by_judge:
                lines.append(f"    found by: {found_by}")
    if grade.notes:
        lines.append("")
        lines.extend(f"Note: {note}" for note in grade.notes)
    return "\n".join(lines)


_MARKS = {"covered": "✓", "possible": "?", "missed": "✗"}


def _quote(text: str) -> str:
    """Evidence on one line, in double quotes."""
    return f'"{" ".join(text.split())}"'


def history_text(view: HistoryView) -> str:
    """One line per saved session, newest first, then one per unreadable file."""
    if not view.sessions and not view.unreadable:
        return "No sessions yet."
    lines = [f"{'started':<16}  {'mode':<8}  {'score':>5}  {'band':<12}  {'time':>8}  stages"]
    for summary in view.sessions:
        score = f"{summary.overall:.0%}" if summary.overall is not None else "-"
        band = (summary.band or "-") if summary.finished else "unfinished"
        lines.append(
            f"{summary.started_at:%Y-%m-%d %H:%M}  {summary.mode:<8}  {score:>5}  {band:<12}  "
            f"{format_mmss(summary.duration_seconds):>8}  {', '.join(summary.stages)}"
        )
    lines += [f"unreadable: {item.path}: {item.reason}" for item in view.unreadable]
    return "\n".join(lines)
