"""The argument parser: one small function per sub-command.

Its choices come from the vocabulary module, which imports nothing heavy, so the parser adds nothing to start-up.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

from tui_interview import __version__
from tui_interview.domain.vocabulary import KINDS, LEVELS, REPORT_FORMATS

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What ``add_subparsers()`` returns; argparse gives its type only a private name."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-interview",
        description="Rehearse a whole interview loop alone, offline, at the keyboard.",
        epilog="Run without a command to open the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_draw_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The order here is the order ``--help`` lists them in.
    _add_loop(commands)
    _add_practice(commands)
    _add_history(commands)
    _add_plan(commands)
    _add_bank(commands)
    _add_grade(commands)
    _add_judge(commands)
    _add_report(commands)
    return parser


def _add_loop(commands: Commands) -> None:
    loop = commands.add_parser("loop", help="start a full interview loop", description="Start a full loop.")
    _add_draw_options(loop)


def _add_practice(commands: Commands) -> None:
    practice = commands.add_parser(
        "practice",
        help="practise a stage, or chosen areas, kinds and levels",
        description="Practise with a stage's rules, or with areas, kinds and a level chosen directly.",
    )
    practice.add_argument("stage", nargs="?", metavar="STAGE", help="a stage id, e.g. technical (optional)")
    practice.add_argument("--area", action="append", default=[], metavar="A", help="an area id (repeatable)")
    practice.add_argument("--kind", action="append", default=[], choices=KINDS, metavar="K", help="a kind (repeatable)")
    practice.add_argument("--level", choices=LEVELS, metavar="L", help="junior, mid, senior or staff")
    practice.add_argument("--count", type=_positive_int, metavar="N", help="how many questions")
    practice.add_argument("--minutes", type=_positive_float, metavar="M", help="how long, in minutes")
    practice.add_argument("--due", action="store_true", help="questions due for review first")
    _add_draw_options(practice)


def _add_history(commands: Commands) -> None:
    history = commands.add_parser(
        "history", help="list past sessions and their scores", description="List every saved session."
    )
    history.add_argument("--json", action="store_true", help="print JSON")


def _add_plan(commands: Commands) -> None:
    plan = commands.add_parser(
        "plan", help="print the loop that would be drawn", description="Print the loop a seed draws, without the UI."
    )
    _add_draw_options(plan)
    plan.add_argument("--json", action="store_true", help="print JSON")


def _add_bank(commands: Commands) -> None:
    bank = commands.add_parser("bank", help="check question packs", description="Check question packs.")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="COMMAND", required=True)
    validate = bank_commands.add_parser(
        "validate", help="validate packs (default: the shipped ones)", description="Validate question packs."
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack folders")
    stats = bank_commands.add_parser("stats", help="count questions by area, kind and level")
    stats.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a pack folder (default: shipped)")
    stats.add_argument("--json", action="store_true", help="print JSON")


def _add_grade(commands: Commands) -> None:
    grade = commands.add_parser(
        "grade",
        help="grade an answer (or a JSONL file of answers) against a question's talking points",
        description=(
            "Grade one typed answer against the talking points of a question: offline by default, or with the "
            "LLM judge set up in config.toml (--judge). Each point is ✓ covered, ? possible (check it yourself) "
            "or ✗ missed, with the sentence that shows it and why. With --batch, grade one JSON object "
            '{"question": ID, "answer": TEXT} per line and print one JSON result per line.'
        ),
    )
    grade.add_argument("--question", metavar="ID", help="the question id (required without --batch)")
    grade.add_argument(
        "--answer", metavar="FILE", help="UTF-8 text file holding the answer; - reads stdin (required without --batch)"
    )
    grade.add_argument(
        "--batch",
        metavar="FILE.jsonl",
        help='grade every line {"question": ID, "answer": TEXT} of FILE (- reads stdin); prints JSON lines',
    )
    grade.add_argument(
        "--pack", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="question pack folder (default: shipped)"
    )
    grade.add_argument("--json", action="store_true", help="print JSON")
    grade.add_argument(
        "--judge",
        action="store_true",
        help="also ask the LLM judge configured in config.toml; the offline rules can still veto its credit",
    )


def _add_judge(commands: Commands) -> None:
    judge = commands.add_parser(
        "judge",
        help="check the optional LLM judge",
        description="Check the optional LLM judge configured in config.toml (see the README).",
    )
    judge_commands = judge.add_subparsers(dest="judge_command", metavar="COMMAND", required=True)
    judge_commands.add_parser(
        "check",
        help="does the endpoint answer, and is the configured model listed?",
        description=(
            "Ask the configured endpoint for its models (GET {base_url}/models) and say whether it answers, "
            "which models it lists and whether the configured model is among them. Exit 0 when it is, else 1."
        ),
    )


def _add_report(commands: Commands) -> None:
    report = commands.add_parser(
        "report",
        help="export the report of a saved session",
        description="Print or save the report of a saved session as Markdown, standalone HTML or JSON.",
    )
    report.add_argument(
        "session",
        nargs="?",
        default="latest",
        metavar="SESSION",
        help="a session id, a path to a session .toml file, or latest (the default: the newest session)",
    )
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="md, html or json (default: from the suffix of -o FILE, else md)",
    )
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    report.add_argument(
        "--pack",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the pack to use if the session's own pack folder is gone (same pack id)",
    )


def _add_draw_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--seed``, ``--pack``, ``--stages`` and ``--no-history``, before the command name or after it."""
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


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value:g}")
    return value
