"""Dotted paths to the parts of a question, counted from 0 as the loader's error messages write them."""

from __future__ import annotations

from tui_interview.domain.bank.pack import Question


def point_fields(question: Question) -> list[str]:
    """For each point of ``question.all_points``, its path: ``points.1``, then ``steps.0.points.0`` and so on."""
    own = [f"points.{number}" for number in range(len(question.points))]
    steps = [
        f"steps.{step}.points.{number}"
        for step, spec in enumerate(question.steps)
        for number in range(len(spec.points))
    ]
    return own + steps


def point_label(question: Question, index: int) -> str:
    """How a message names point ``index`` of ``question.all_points``: its path and the start of its text."""
    text = question.all_points[index].text
    short = text if len(text) <= 50 else text[:47].rstrip() + "..."
    return f"{point_fields(question)[index]} ({short!r})"
