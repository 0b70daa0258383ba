"""How a question is described in one line (kind · area · level), in the review screen, the exports and ``grade``.

Only what tells the candidate something is shown: a recruiter screen question has no level worth showing (the
same logistics answer fits every level), a kind the area's title already names ("screen" in "Recruiter
screen", "behavioral" in "Behavioral") is not repeated, and neither is an area named like the stage the
question is shown under (the "Recruiter screen" area in the "Recruiter screen" stage).
"""

from __future__ import annotations

from tui_interview.domain.vocabulary import UNLEVELLED_KINDS


def question_about(kind: str, area_title: str, level: str, stage_title: str = "") -> tuple[str, ...]:
    """The parts that describe a question, in order kind, area, level, leaving out the empty and the redundant.

    ``stage_title``: the title of the stage the question is shown under, when it is shown under one.
    """
    named_by_area = bool(kind) and kind.casefold() in area_title.casefold().split()
    parts = (
        "" if named_by_area else kind,
        "" if area_title.casefold() == stage_title.casefold() else area_title,
        "" if kind in UNLEVELLED_KINDS else level,
    )
    return tuple(part for part in parts if part)


def question_about_text(
    kind: str, area_title: str, level: str, stage_title: str = "", *, separator: str = " · "
) -> str:
    """:func:`question_about` joined into one line (empty when nothing is worth saying)."""
    return separator.join(question_about(kind, area_title, level, stage_title))
