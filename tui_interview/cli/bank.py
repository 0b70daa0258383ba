"""``tui-interview bank list|show|search``: study the pack from the shell.

``list`` and ``search`` print one line per question (id, area, kind, level and the prompt cut to the terminal's
width); ``show`` prints a question's whole sheet, its Markdown rendered as plain text for a terminal. Unknown
areas and ids are usage errors (exit 2) that say what exists.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Final

from rich.console import Console

from tui_interview.cli.commands import UsageError
from tui_interview.domain.bank.browse import (
    BankIndex,
    Hit,
    QuestionFilter,
    QuestionSheet,
    SheetFlag,
    SheetPoint,
    close_ids,
    question_sheet,
)
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.formatting import escape_control_characters, json_text, minutes_label
from tui_interview.domain.grading.word_forms import GRADER_WORDING
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.settings import Settings
from tui_interview.ui.rendering import pack_markdown

BROWSE_COMMANDS: Final = frozenset({"list", "show", "search"})
SHEET_WIDTH: Final = 100
"""``show`` wraps at the terminal's width, but never wider than this: long lines are hard to read."""
INDENT: Final = "  "
MIN_PROMPT_WIDTH: Final = 24
"""``list`` puts the prompts on lines of their own where the columns before would leave them less room."""


def browse_command(args: argparse.Namespace) -> int:
    """Run ``bank list``, ``bank show`` or ``bank search``; return the exit status."""
    pack = load_pack(args.pack or Settings().pack_path)
    index = BankIndex(pack, GRADER_WORDING)
    if args.bank_command == "show":
        print_text(sheet_text(_sheet(pack, args.id), _sheet_width()))
        return 0
    text = " ".join(args.text) if args.bank_command == "search" else ""
    choice = QuestionFilter(tuple(_areas(pack, args.area)), tuple(args.kind), tuple(args.level), text)
    hits = index.search(choice)
    if args.json:
        print_text(json_text([hit_json(hit) for hit in hits], ensure_ascii=False))
    else:
        print_text(list_text(hits, len(pack.questions), _list_width()))
    return 0


def print_text(text: str) -> None:
    """Print ``text`` with its control characters shown, never obeyed."""
    print(escape_control_characters(text))


def _areas(pack: Pack, areas: Sequence[str]) -> Sequence[str]:
    unknown = [area for area in areas if area not in pack.area_titles]
    if unknown:
        raise UsageError(f"unknown area {unknown[0]!r} (areas: {', '.join(pack.area_titles)})")
    return areas


def _sheet(pack: Pack, question_id: str) -> QuestionSheet:
    question = pack.by_id.get(question_id)
    if question is None:
        close = close_ids(pack, question_id)
        hint = f"; did you mean {', '.join(close)}?" if close else "; bank search WORDS finds questions"
        raise UsageError(f"unknown question {question_id!r} in pack {pack.id!r}{hint}")
    return question_sheet(pack, question)


def _list_width() -> int | None:
    """The terminal's width, to cut lines to; None (no cutting) when the output goes to a pipe or a file and
    ``COLUMNS`` does not say a width."""
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        return None
    return shutil.get_terminal_size().columns


def _sheet_width() -> int:
    return min(shutil.get_terminal_size().columns, SHEET_WIDTH)


# list and search ----------------------------------------------------------------------------------------------


def list_text(hits: Sequence[Hit], total: int, width: int | None) -> str:
    """One line per question (id, area, kind, level, then the prompt cut to ``width`` with "…"; None: not cut),
    then how many there are. Where the columns leave the prompt too little room, it goes on a line of its own."""
    if not hits:
        return f"No question matches (the pack has {total})."
    rows = [(hit.question.id, hit.question.area, hit.question.kind, hit.question.level) for hit in hits]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    columns = sum(widths) + 2 * len(widths)
    below = width is not None and width - columns < MIN_PROMPT_WIDTH
    lines = []
    for row, hit in zip(rows, hits, strict=True):
        start = "  ".join(cell.ljust(cell_width) for cell, cell_width in zip(row, widths, strict=True))
        prompt = prompt_line(hit.question.prompt)
        if below:
            lines += [start.rstrip(), _cut(f"    {prompt}", width)]
        else:
            lines.append(_cut(f"{start}  {prompt}", width))
    lines.append(f"{len(hits)} of {total} questions")
    return "\n".join(lines)


def prompt_line(prompt: str) -> str:
    """A prompt on one line, without Markdown's backticks."""
    return " ".join(prompt.replace("`", "").split())


def _cut(line: str, width: int | None) -> str:
    if width is None or len(line) <= width:
        return line
    return line[: max(width - 1, 0)].rstrip() + "…"


def hit_json(hit: Hit) -> dict[str, object]:
    question = hit.question
    row: dict[str, object] = {
        "id": question.id,
        "area": question.area,
        "kind": question.kind,
        "level": question.level,
        "minutes": question.minutes,
        "prompt": question.prompt.strip(),
    }
    if hit.found_in:
        row |= {"score": round(hit.score, 2), "found_in": list(hit.found_in)}
    return row


# show ---------------------------------------------------------------------------------------------------------


def sheet_text(sheet: QuestionSheet, width: int) -> str:
    """The whole sheet of a question as plain text ``width`` columns wide."""
    about = question_about_text(sheet.kind, sheet.area_title, sheet.level)
    lines = [sheet.id, " · ".join(part for part in (about, minutes_label(sheet.minutes)) if part)]
    if sheet.tags:
        lines.append(f"Tags: {', '.join(sheet.tags)}")
    lines += ["", markdown_text(sheet.prompt, width)]
    lines += _section("Talking points", _points_lines(sheet.points, width))
    for step in sheet.steps:
        lines += ["", f"Step {step.number} of {len(sheet.steps)}: the interviewer adds"]
        lines += [markdown_text(step.reveal, width - len(INDENT), INDENT), *_points_lines(step.points, width)]
    flags = [line for flag in sheet.red_flags for line in _flag_lines(flag, width)]
    lines += _section("Red flags (wrong claims)", flags)
    follow_ups = "\n".join(f"- {' '.join(text.split())}" for text in sheet.follow_ups)
    lines += _section("Follow-ups to expect", [markdown_text(follow_ups, width - 2, INDENT)] if follow_ups else [])
    model = [markdown_text(sheet.model_answer, width - 2, INDENT)] if sheet.model_answer else []
    lines += _section("Model answer", model)
    facts = [_wrapped("• ", f"{fact.text} ({fact.source}, as of {fact.as_of})", width) for fact in sheet.facts]
    lines += _section("Facts" + (f" (checked {sheet.as_of})" if sheet.as_of else ""), facts)
    return "\n".join(lines).rstrip()


def _section(title: str, body: list[str]) -> list[str]:
    return ["", title, *body] if body else []


def _points_lines(points: Sequence[SheetPoint], width: int) -> list[str]:
    return [
        _wrapped("• ", point.text + (f" ({point.weight_label})" if point.weight_label else ""), width)
        for point in points
    ]


def _flag_lines(flag: SheetFlag, width: int) -> list[str]:
    lines = [_wrapped("! ", flag.text, width), _wrapped("  ", f"Why it is wrong: {flag.why}", width)]
    if flag.contradicts:
        lines.append(_wrapped("  ", f"Costs the point: {flag.contradicts}", width))
    return lines


def _wrapped(mark: str, text: str, width: int) -> str:
    """``text`` after the indent and ``mark``, wrapped to ``width`` under its own first character."""
    start = INDENT + mark
    return textwrap.fill(" ".join(text.split()), width, initial_indent=start, subsequent_indent=" " * len(start))


def markdown_text(source: str, width: int, indent: str = "") -> str:
    """Pack Markdown as plain text ``width`` columns wide: bullets as •, code without backticks, raw HTML and
    markup such as ``[bold]`` exactly as written; each line after ``indent``."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(width, 20), color_system=None, force_terminal=False, highlight=False, emoji=False
    )
    console.print(pack_markdown(escape_control_characters(source.strip())))
    rendered = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()).strip("\n").splitlines()
    return "\n".join(f"{indent}{line}" if line else "" for line in rendered)
