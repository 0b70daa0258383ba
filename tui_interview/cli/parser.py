"""The argument parser: one small function per sub-command.

Its choices come from the vocabulary module, which imports nothing heavy, so the parser adds nothing to start-up.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

from tui_interview import __version__
from tui_interview.domain.vocabulary import COMPETENCIES, KINDS, LEVELS, REPORT_FORMATS

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
    _add_stories(commands)
    _add_target(commands)
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
    _add_lint(bank_commands)


def _add_lint(bank_commands: Commands) -> None:
    lint = bank_commands.add_parser(
        "lint",
        help="find weak keywords, near-duplicates and unsourced facts (for pack authors)",
        description=(
            "Check packs for what makes grading easy to game or content go stale: keywords any answer contains, "
            "keywords shared by two points, prompts or filler that score, near-duplicate questions, trends "
            "questions and dated claims without facts, short scenarios and missing red flags. One line per "
            "finding; exit 0 even with findings, 1 with --strict when any remains or when a pack does not load."
        ),
    )
    lint.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack folders (default: the shipped pack)")
    lint.add_argument("--strict", action="store_true", help="exit 1 when any finding remains")
    lint.add_argument("--json", action="store_true", help="print the findings as a JSON array")
    lint.add_argument(
        "--stages",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the stages whose draw rules decide which questions need red flags (default: shipped)",
    )


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


def _add_stories(commands: Commands) -> None:
    stories = commands.add_parser(
        "stories",
        help="your STAR story bank: list, show, check and edit stories",
        description=(
            "Your prepared STAR stories, kept in stories.toml in the data folder (docs/stories-and-targets.md). "
            "check runs the behavioral grader's STAR analysis on each story and maps the bank over the pack's "
            "behavioral questions."
        ),
    )
    story_commands = stories.add_subparsers(dest="stories_command", metavar="COMMAND", required=True)
    listing = story_commands.add_parser("list", help="each story with its check and competencies")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = story_commands.add_parser("show", help="one story in full, with its check")
    show.add_argument("id", metavar="ID", help="the story's id")
    check = story_commands.add_parser(
        "check", help="each story's check, then the coverage map (gaps, best story per question, stretched stories)"
    )
    check.add_argument("id", nargs="?", metavar="ID", help="check only this story")
    check.add_argument("--strict", action="store_true", help="exit 1 when a story checked is not ready")
    edit = story_commands.add_parser(
        "edit",
        help="set a story's fields, or open stories.toml in $VISUAL / $EDITOR",
        description=(
            "With field options, set those fields of story ID (adding it if new; - reads the text from stdin). "
            "Without, open stories.toml in $VISUAL or $EDITOR (adding story ID first if new) and check it after."
        ),
    )
    edit.add_argument("id", nargs="?", metavar="ID", help="the story's id (lowercase-with-hyphens)")
    for name in ("title", "situation", "task", "action", "result", "reflection"):
        edit.add_argument(f"--{name}", metavar="TEXT", help=f"the story's {name}")
    edit.add_argument(
        "--competency", action="append", default=[], choices=COMPETENCIES, metavar="C", help="a competency (repeatable)"
    )
    edit.add_argument("--figure", action="append", default=[], metavar="TEXT", help="a key figure (repeatable)")


def _add_target(commands: Commands) -> None:
    target = commands.add_parser(
        "target",
        help="target companies: add, list, use, show",
        description=(
            "Target companies researched for an interview, one file each in the data folder's targets/ folder. "
            "With one active, loops prefer questions on its stack and the report checks answers for references to it."
        ),
    )
    target_commands = target.add_subparsers(dest="target_command", metavar="COMMAND", required=True)
    add = target_commands.add_parser("add", help="add a target company (the first one added becomes active)")
    add.add_argument("id", metavar="ID", help="its id, lowercase-with-hyphens (the file name)")
    add.add_argument("--company", required=True, metavar="NAME", help="the company's name")
    add.add_argument("--product", metavar="TEXT", help="what it makes, for whom")
    add.add_argument("--ml-use", metavar="TEXT", help="how it uses machine learning")
    add.add_argument("--stack", action="append", default=[], metavar="TOOL", help="a tool or platform (repeatable)")
    add.add_argument("--role", metavar="TEXT", help="the role applied for")
    add.add_argument("--level", choices=LEVELS, metavar="L", help="junior, mid, senior or staff")
    add.add_argument("--note", action=NoteAction, default=[], metavar="TEXT", help="a research note (repeatable)")
    add.add_argument("--source", action=NoteAction, dest="note", metavar="WHERE", help="the source of the note before")
    add.add_argument("--replace", action="store_true", help="replace a target with the same id")
    add.add_argument("--use", action="store_true", help="make it the active target")
    target_commands.add_parser("list", help="every target; * marks the active one")
    use = target_commands.add_parser("use", help="make a target the active one")
    chosen = use.add_mutually_exclusive_group(required=True)
    chosen.add_argument("id", nargs="?", metavar="ID", help="the target's id")
    chosen.add_argument("--none", action="store_true", help="no active target")
    show = target_commands.add_parser("show", help="a target's profile and how its stack meets the pack's tags")
    show.add_argument("id", nargs="?", metavar="ID", help="the target's id (default: the active one)")


class NoteAction(argparse.Action):
    """``--note TEXT`` appends a research note; ``--source WHERE`` sets the source of the note just before it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        notes: list[dict[str, str]] = [dict(note) for note in getattr(namespace, self.dest, None) or []]
        if option_string == "--source":
            if not notes:
                parser.error("--source gives the source of the --note before it: put a --note first")
            notes[-1]["source"] = str(values)
        else:
            notes.append({"text": str(values)})
        setattr(namespace, self.dest, notes)


def _add_draw_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--seed``, ``--pack``, ``--stages``, ``--target`` and ``--no-history``, before the command name or after it."""
    # Sub-commands must not reset what was given before the command name: their defaults are suppressed.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--seed", type=int, metavar="N", default=default, help="seed for the question draw")
    parser.add_argument("--pack", type=Path, metavar="PATH", default=default, help="question pack folder")
    parser.add_argument("--stages", type=Path, metavar="PATH", default=default, help="stage definitions folder")
    parser.add_argument(
        "--target", metavar="NAME", default=default, help="target company to draw for (default: the active target)"
    )
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
