"""Snapshots of the Target screen and its form at 80x24 (reviewed with /tmp/svgtext.py before accepting)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from tests.helpers import AppMaker, SnapCompare, press
from tui_interview.domain.targets.profile import Note, Target, save_target, use_target

FRESCO = Target(
    id="fresco",
    company="Fresco",
    product="A grocery delivery app: substitution suggestions at checkout and a delivery-time estimate.",
    ml_use="The delivery-time estimate is a gradient-boosted model retrained daily; substitutions come from a "
    "ranking model served in real time.",
    stack=["Kubernetes", "Dagster", "BigQuery", "KServe", "Weights & Biases"],
    role="Senior MLOps Engineer",
    level="senior",
    notes=[
        Note(text="Engineering blog: moving feature pipelines from cron to [bold]Dagster[/bold].", source="blog"),
        Note(text="Hiring for serving reliability while they migrate serving to KServe.", source="job description"),
    ],
)
ACME = Target(id="acme", company="Acme Robotics", role="ML Platform Engineer", level="staff")


def with_targets(home: Path) -> None:
    save_target(home, FRESCO)
    save_target(home, ACME)
    use_target(home, "fresco")


def no_blink(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def test_target_screen(snap_compare: SnapCompare, make_app: AppMaker, data_home: Path) -> None:
    """Two targets, the active one starred and highlighted: its profile below, markup in a note shown literally."""
    with_targets(data_home)

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "t")
        pilot.app.screen.query_one("#targets-list", OptionList).highlighted = 1
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)


def test_target_form(snap_compare: SnapCompare, make_app: AppMaker, data_home: Path) -> None:
    """The form of the active target, filled in from its file."""
    with_targets(data_home)

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "t", "down", "enter")
        no_blink(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)
