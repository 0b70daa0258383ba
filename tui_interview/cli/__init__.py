"""The ``tui-interview`` command line: parse the arguments, build the settings, dispatch.

Start-up matters for the home screen, so this package imports only what the parser and the settings need;
the commands (``cli.commands``), and Textual for the UI (``app_factory``), are imported when they run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_interview.cli.parser import build_parser
from tui_interview.domain.locations import default_pack_dir, shipped_stages_dir
from tui_interview.domain.settings import PracticeChoice, Settings

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["main"]

LEVELLED_COMMANDS = ("loop", "plan", "interview")
"""The commands whose ``--level`` is the level a full loop is drawn for (``practice --level`` filters instead)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = build_parser().parse_args(argv)
    settings = settings_from(args)
    if args.command is None:
        from tui_interview.app_factory import run_app
        from tui_interview.domain.workspace import Workspace

        return run_app(Workspace(settings))
    from tui_interview.cli.commands import dispatch

    return dispatch(args, settings)


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings the parsed ``args`` ask for; what they leave out keeps the usual default."""
    command = args.command
    return Settings(
        pack_path=args.pack or default_pack_dir(),
        stages_path=args.stages or shipped_stages_dir(),
        seed=args.seed,
        target=args.target,
        level=args.level if command in LEVELLED_COMMANDS else None,
        use_history=not args.no_history,
        start=command if command in ("loop", "practice", "interview") else "home",
        aloud=getattr(args, "aloud", False),
        practice=_practice_choice(args) if command == "practice" else None,
    )


def _practice_choice(args: argparse.Namespace) -> PracticeChoice:
    return PracticeChoice(
        question_ids=tuple(args.question),
        stage=args.stage,
        areas=tuple(args.area),
        kinds=tuple(args.kind),
        levels=(args.level,) if args.level else (),
        count=args.count,
        minutes=args.minutes,
        due_first=args.due,
        aloud=args.aloud,
        story=args.story,
    )
