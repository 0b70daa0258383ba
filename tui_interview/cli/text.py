"""Plain-text renderings for the terminal: a drawn plan, a graded answer and the session history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_interview.domain.formatting import format_mmss

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Question
    from tui_interview.domain.grading.results import Grade
    from tui_interview.domain.history.index import HistoryView
    from tui_interview.domain.planning.draw import LoopPlan


def plan_text(plan: LoopPlan, loop_title: str) -> str:
    """The loop's title, then each stage with its questions' ids, areas, kinds and levels in columns."""
    lines = [f"{loop_title} — pack {plan.pack_id}, seed {plan.seed}"]
    for number, stage_plan in enumerate(plan.stages, start=1):
        stage = stage_plan.stage
        lines.append("")
        lines.append(
            f"{number}. {stage.title} — {stage.minutes:g} min, {len(stage_plan.questions)} questions"
            f" ({stage.interviewer.name}, {stage.interviewer.role})"
        )
        width = max(len(question.id) for question in stage_plan.questions)
        for question in stage_plan.questions:
            lines.append(f"   {question.id:<{width}}  {question.area:<14} {question.kind:<10} {question.level}")
    return "\n".join(lines)


def grade_text(question: Question, grade: Grade, area_title: str) -> str:
    """Coverage, then each point with a tick or a cross, the keywords that matched and why others did not."""
    step_of = question.step_of_point
    covered = len(grade.covered)
    lines = [
        f"{question.id} — {area_title}, {question.kind}, {question.level}",
        f"Coverage {grade.score:.0%} ({covered} of {len(grade.points)} points)",
        "",
    ]
    for point in grade.points:
        step = f"step {step_of[point.index]}: " if point.index in step_of else ""
        lines.append(f"{'✓' if point.covered else '✗'} {step}{point.text}")
        if point.matched_keywords:
            lines.append(f"    matched: {', '.join(point.matched_keywords)}")
        lines.extend(f"    not credited: {reason}" for reason in point.reasons)
    if grade.notes:
        lines.append("")
        lines.extend(f"Note: {note}" for note in grade.notes)
    return "\n".join(lines)


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
