"""The ``tui-interview`` command line. Textual is imported only by the commands that open the UI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_interview import __version__
from tui_interview.domain.bank import load_pack
from tui_interview.domain.draw import DrawError, LoopPlan
from tui_interview.domain.locations import shipped_pack_dirs
from tui_interview.domain.problems import DataFileError
from tui_interview.domain.settings import Settings
from tui_interview.domain.stats import pack_stats, stats_table
from tui_interview.domain.workspace import UnknownStageError, Workspace

EXIT_INVALID = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-interview",
        description="Rehearse a whole interview loop alone, offline, at the keyboard.",
        epilog="Run without a command to open the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_draw_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    loop = commands.add_parser("loop", help="start a full interview loop", description="Start a full loop.")
    _add_draw_options(loop)

    practice = commands.add_parser("practice", help="practise one stage alone", description="Practise a stage.")
    practice.add_argument("stage", metavar="STAGE", help="a stage id, e.g. technical")
    _add_draw_options(practice)

    plan = commands.add_parser(
        "plan", help="print the loop that would be drawn", description="Print the loop a seed draws, without the UI."
    )
    _add_draw_options(plan)
    plan.add_argument("--json", action="store_true", help="print JSON")

    bank = commands.add_parser("bank", help="check question packs", description="Check question packs.")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="COMMAND", required=True)
    validate = bank_commands.add_parser(
        "validate", help="validate packs (default: the shipped ones)", description="Validate question packs."
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack folders")
    stats = bank_commands.add_parser("stats", help="count questions by area, kind and level")
    stats.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a pack folder (default: shipped)")
    stats.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _add_draw_options(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # Sub-commands must not reset what was given before the command name: their defaults are suppressed.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--seed", type=int, metavar="N", default=default, help="seed for the question draw")
    parser.add_argument("--pack", type=Path, metavar="PATH", default=default, help="question pack folder")
    parser.add_argument("--stages", type=Path, metavar="PATH", default=default, help="stage definitions folder")
    parser.add_argument(
        "--no-history",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="draw without avoiding questions seen in recent sessions",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "pack", None):
        overrides["pack_path"] = args.pack
    if getattr(args, "stages", None):
        overrides["stages_path"] = args.stages
    if getattr(args, "seed", None) is not None:
        overrides["seed"] = args.seed
    if getattr(args, "no_history", False):
        overrides["use_history"] = False
    if args.command in ("loop", "practice"):
        overrides["start"] = args.command
    if args.command == "practice":
        overrides["practice_stage"] = args.stage
    return Settings.model_validate(overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "bank":
            return _bank(args)
        settings = settings_from(args)
        workspace = Workspace(settings)
        if args.command == "plan":
            return _plan(workspace, args.json)
        _check_can_start(workspace, settings)
        return _run_app(settings)
    except (DataFileError, DrawError, UnknownStageError) as error:
        _fail(str(error))
        return EXIT_INVALID


def _check_can_start(workspace: Workspace, settings: Settings) -> None:
    """Load everything the UI needs before opening it, so bad data is reported on the terminal."""
    workspace.pack  # noqa: B018  # loading raises with every problem listed
    workspace.catalog  # noqa: B018
    if settings.practice_stage:
        workspace.stage(settings.practice_stage)


def _run_app(settings: Settings) -> int:
    from tui_interview.app_factory import build_app  # Textual costs ~0.2 s to import: only for the UI

    app = build_app(settings)
    app.run()
    return app.return_code or 0


def _plan(workspace: Workspace, as_json: bool) -> int:
    plan = workspace.plan()
    print(json.dumps(plan.as_json(), indent=2) if as_json else plan_text(plan, workspace))
    return 0


def plan_text(plan: LoopPlan, workspace: Workspace) -> str:
    lines = [f"{workspace.catalog.loop.title} — pack {plan.pack_id}, seed {plan.seed}"]
    for number, stage_plan in enumerate(plan.stages, start=1):
        stage = stage_plan.stage
        lines.append("")
        lines.append(
            f"{number}. {stage.title} — {stage.minutes:g} min, {len(stage_plan.questions)} questions"
            f" ({stage.interviewer.name}, {stage.interviewer.role})"
        )
        width = max(len(q.id) for q in stage_plan.questions)
        for question in stage_plan.questions:
            lines.append(f"   {question.id:<{width}}  {question.area:<14} {question.kind:<10} {question.level}")
    return "\n".join(lines)


def _bank(args: argparse.Namespace) -> int:
    if args.bank_command == "validate":
        return _validate(args.paths or shipped_pack_dirs())
    pack = load_pack(args.path or args.pack or Settings().pack_path)
    stats = pack_stats(pack)
    print(json.dumps(stats.as_json(), indent=2) if args.json else stats_table(stats))
    return 0


def _validate(paths: list[Path]) -> int:
    failed = False
    for path in paths:
        try:
            pack = load_pack(path)
        except DataFileError as error:
            failed = True
            _fail(f"{path}: invalid, {len(error.problems)} problem(s)\n{error}")
            continue
        print(f"{path}: valid, pack {pack.id!r} with {len(pack.questions)} questions")
    return EXIT_INVALID if failed else 0


def _fail(message: str) -> None:
    print(message, file=sys.stderr)
