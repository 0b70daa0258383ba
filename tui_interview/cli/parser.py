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

SHIPPED_AREAS = "{the shipped pack's areas}"
SHIPPED_STAGES = "{the shipped stages}"
"""Placeholders in help texts, filled in by :class:`PackHelpFormatter` only when the help is printed."""

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
    _add_interview(commands)
    _add_history(commands)
    _add_plan(commands)
    _add_bank(commands)
    _add_grade(commands)
    _add_judge(commands)
    _add_report(commands)
    _add_stories(commands)
    _add_target(commands)
    _add_follow(commands)
    _add_serve(commands)
    return parser


def _add_loop(commands: Commands) -> None:
    loop = commands.add_parser("loop", help="start a full interview loop", description="Start a full loop.")
    _add_draw_options(loop)
    _add_aloud_option(loop)
    _add_level_option(loop)


def _add_level_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--level",
        choices=LEVELS,
        metavar="L",
        help=(
            "draw the loop for this level, one of %(choices)s: questions at it first, then adjacent levels "
            "where a stage needs them, farther ones only when those run out; recruiter questions fit any level"
        ),
    )


def _add_aloud_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--aloud",
        action="store_true",
        help="answer out loud instead of typing, then check yourself against the talking points and rate yourself",
    )


def _add_interview(commands: Commands) -> None:
    interview = commands.add_parser(
        "interview",
        help="run a mock interview for a peer: you read out, tick what you hear, rate and decide",
        description=(
            "A mock interview: the full loop, drawn as for 'loop', run by you as the interviewer. You read each "
            "question out, tick the talking points and red flags you hear, rate each answer 1-4 on technical "
            "ability, problem solving and communication, and make a hire or no-hire call on each stage. The "
            "candidate can follow in another terminal with 'tui-interview follow'."
        ),
    )
    _add_draw_options(interview)
    _add_level_option(interview)


def _add_practice(commands: Commands) -> None:
    practice = commands.add_parser(
        "practice",
        help="practise a stage, or chosen areas, kinds and levels, or chosen questions",
        description=(
            "Practise with a stage's rules, with areas, kinds and a level chosen directly, or exactly the "
            "questions named with --question. Stages come from the stages folder (--stages) and areas from the "
            "pack (--pack): an unknown one is a usage error that lists them."
        ),
        formatter_class=PackHelpFormatter,
    )
    practice.add_argument(
        "stage", nargs="?", metavar="STAGE", help=f"a stage id (optional); the shipped stages: {SHIPPED_STAGES}"
    )
    practice.add_argument(
        "--area",
        action="append",
        default=[],
        metavar="A",
        help=f"an area id of the pack (repeatable); the shipped pack's: {SHIPPED_AREAS}",
    )
    practice.add_argument(
        "--kind", action="append", default=[], choices=KINDS, metavar="K", help="a kind (repeatable): %(choices)s"
    )
    practice.add_argument("--level", choices=LEVELS, metavar="L", help="only questions of this level: %(choices)s")
    practice.add_argument("--count", type=_positive_int, metavar="N", help="how many questions")
    practice.add_argument("--minutes", type=_positive_float, metavar="M", help="how long, in minutes")
    practice.add_argument(
        "--due",
        action="store_true",
        help="questions due for review first; with none due, say when the next review is and start nothing",
    )
    practice.add_argument(
        "--question",
        nargs="+",
        default=[],
        metavar="ID",
        help="practise exactly these questions, in this order (ids as in the report's 'Practise next'); "
        "only --minutes goes with them",
    )
    practice.add_argument(
        "--story",
        metavar="ID",
        help="drill a story of your bank: tell it for the behavioral --question named (default: the question it fits "
        "best); the feedback says whether the answer told it and what the story's check found",
    )
    _add_draw_options(practice)
    _add_aloud_option(practice)


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
    _add_level_option(plan)
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
    _add_browse(bank_commands)


def _add_browse(bank_commands: Commands) -> None:
    """``bank list``, ``bank show ID`` and ``bank search TEXT...``: study the pack (``cli/bank.py`` runs them)."""
    listing = bank_commands.add_parser(
        "list",
        help="list questions: id, area, kind, level and prompt, one a line",
        description="List the pack's questions, one a line, by area, kind and level.",
        formatter_class=PackHelpFormatter,
    )
    show = bank_commands.add_parser(
        "show",
        help="a question's prompt, points, red flags, follow-ups and model answer",
        description="Print everything the pack says about one question, its Markdown rendered for the terminal.",
    )
    show.add_argument("id", metavar="ID", help="the question's id (bank list and bank search show them)")
    search = bank_commands.add_parser(
        "search",
        help="find questions by words in their id, prompt, points, tags or model answer",
        description=(
            "Find questions holding every word given, in any order, compared as the grader compares words "
            "(pipelines finds pipeline). Matches in the id or prompt come first, then points, then model answers."
        ),
        formatter_class=PackHelpFormatter,
    )
    search.add_argument("text", nargs="+", metavar="WORD", help="words to look for")
    for parser in (listing, search):
        parser.add_argument(
            "--area",
            action="append",
            default=[],
            metavar="A",
            help=f"only this area (repeatable); the shipped pack's: {SHIPPED_AREAS}",
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            choices=KINDS,
            metavar="K",
            help="only this kind (repeatable): %(choices)s",
        )
        parser.add_argument(
            "--level",
            action="append",
            default=[],
            choices=LEVELS,
            metavar="L",
            help="only this level (repeatable): %(choices)s",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
    for parser in (listing, show, search):
        parser.add_argument(
            "--pack",
            type=Path,
            metavar="PATH",
            default=argparse.SUPPRESS,
            help="question pack folder (default: shipped)",
        )


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
        help="a session id, a path to a session .toml file, or latest (the default: the newest finished session)",
    )
    report.add_argument(
        "--include-unfinished",
        action="store_true",
        help="let latest be the newest session even if it was not finished",
    )
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help=(
            "%(choices)s; it decides even when -o FILE's suffix says otherwise (default: from the suffix of "
            "-o FILE: .md or .markdown, .html or .htm, .json; any other suffix is an error; without -o, md)"
        ),
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
        "--competency",
        action="append",
        default=[],
        choices=COMPETENCIES,
        metavar="C",
        help="a competency (repeatable): %(choices)s",
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
    add.add_argument("--level", choices=LEVELS, metavar="L", help="the role's level: %(choices)s")
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


def _add_follow(commands: Commands) -> None:
    follow = commands.add_parser(
        "follow",
        help="the candidate's view of a session run in another window (read-only)",
        description=(
            "Show what the candidate should see of a session another window runs (tui-interview interview): the "
            "current question, the scenario steps revealed and the stage clock, updated as that window saves it. "
            "Never writes to the session."
        ),
    )
    follow.add_argument(
        "session",
        nargs="?",
        default="latest",
        metavar="SESSION",
        help="a session id, a path to a session .toml file, or latest (the default: the newest session in progress)",
    )


def _add_serve(commands: Commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="open the app (or another command, such as follow) in a web browser",
        description=(
            "Serve tui-interview in a web browser with textual-serve: each browser tab runs its own "
            "`tui-interview COMMAND ...` (default: the home screen) with this user's data folder. Bound to "
            "this machine only unless --host says otherwise. Needs the serve extra: pip install 'tui-interview[serve]'."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="ADDRESS", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="port to listen on (default: %(default)s)")
    serve.add_argument(
        "app_args", nargs=argparse.REMAINDER, metavar="COMMAND ...", help="the command to serve, e.g. follow latest"
    )


def _port(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 1 to 65535, not {value}")
    return value


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


class PackHelpFormatter(argparse.HelpFormatter):
    """Fills in the shipped pack's areas and the shipped stages when the help is printed, not on every start:
    reading them costs ~0.2 s (the pack's models), and most runs never print the help."""

    def _expand_help(self, action: argparse.Action) -> str:
        text = super()._expand_help(action)
        if SHIPPED_AREAS in text:
            text = text.replace(SHIPPED_AREAS, _shipped_names("areas"))
        if SHIPPED_STAGES in text:
            text = text.replace(SHIPPED_STAGES, _shipped_names("stages"))
        return text


def _shipped_names(what: str) -> str:
    """The shipped pack's area ids in its order, or the shipped stage ids sorted; a note if they cannot be read."""
    from tui_interview.domain.bank.problems import DataFileError
    from tui_interview.domain.locations import data_home, default_pack_dir, pack_cache_dir, shipped_stages_dir

    try:
        if what == "areas":
            from tui_interview.domain.bank.pack_cache import load_pack_cached  # as every command reads it

            pack = load_pack_cached(default_pack_dir(), pack_cache_dir(data_home()))
            return ", ".join(area.id for area in pack.info.areas)
        from tui_interview.domain.bank.stages import load_stages

        return ", ".join(sorted(load_stages(shipped_stages_dir()).stages))
    except DataFileError:
        return f"(the shipped {what} cannot be read: see tui-interview bank validate)"
