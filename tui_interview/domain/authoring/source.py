"""Where each question and each of its parts sits in the pack's files, to give every finding a line.

The loader keeps no positions, so the question files are scanned again as text: a question starts at its
``[[questions]]`` header, its ``id = "…"`` line is where a finding about the whole question points, and its
sub-tables (``[[questions.points]]``, ``[[questions.steps]]``, ``[[questions.steps.points]]``, …) are counted in
order, as the loader counts them. Lines inside multi-line strings are never read as headers or keys.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tui_interview.domain.bank.pack import PACK_FILE
from tui_interview.domain.files import DATA_FILE_LIMIT, read_regular_file

_HEADER: Final = re.compile(r"^\s*\[\[\s*questions(?:\.(?P<table>[a-z_]+(?:\.[a-z_]+)?))?\s*\]\]")
_ID: Final = re.compile(r"""^\s*id\s*=\s*["'](?P<id>[^"']+)["']""")
_MULTILINE_QUOTE: Final = re.compile(r'"""|\'\'\'')
_TABLES: Final = frozenset({"points", "steps", "facts", "red_flags"})


@dataclass(frozen=True)
class _Table:
    name: str
    """``points``, ``steps``, ``steps.points``, ``facts`` or ``red_flags``."""
    index: int
    """0-based line index of its header."""


@dataclass(frozen=True)
class QuestionSource:
    """The lines of one question in its file, and the headers of its sub-tables."""

    file: Path
    lines: Sequence[str]
    """Every line of the file."""
    start: int
    """0-based index of the question's ``[[questions]]`` header."""
    end: int
    """0-based index just past its last line."""
    id_index: int
    tables: tuple[_Table, ...]

    @property
    def id_line(self) -> int:
        """The 1-based line of the question's ``id``."""
        return self.id_index + 1

    def line_of(self, field: str | None, needles: Sequence[str] = ()) -> int:
        """The 1-based line of ``field`` (a dotted path): the first line of its table holding one of
        ``needles``, else its key, else its table's header, else the question's ``id``."""
        if field is None:
            return self.id_line
        parts = field.split(".")
        low, high, rest = self._table_range(parts)
        for needle in needles:
            found = self._find(needle, low, high)
            if found is not None:
                return found + 1
        key = next((part for part in reversed(rest) if not part.isdigit()), None)
        found = self._find_key(key, low, high) if key else None
        if found is not None:
            return found + 1
        return low + 1 if low != self.start else self.id_line

    def _table_range(self, parts: list[str]) -> tuple[int, int, list[str]]:
        """The lines of the innermost table ``parts`` names (``steps.1.points.0``), and the parts after it."""
        low, high = self.start, self.end
        prefix = ""
        while len(parts) >= 2 and parts[0] in _TABLES and parts[1].isdigit():
            name = prefix + parts[0]
            headers = [table for table in self.tables if table.name == name and low <= table.index < high]
            number = int(parts[1])
            if number >= len(headers):
                break
            low = headers[number].index
            high = self._table_end(low, name)
            prefix, parts = name + ".", parts[2:]
        if low == self.start:
            high = min([table.index for table in self.tables] + [self.end])  # the question's own keys
        return low, high, parts

    def _table_end(self, header: int, name: str) -> int:
        """Just past the table whose header is at ``header``: a step runs on over its own points."""
        later = (t.index for t in self.tables if t.index > header and not t.name.startswith(name + "."))
        return next(later, self.end)

    def _find(self, needle: str, low: int, high: int) -> int | None:
        return next((index for index in range(low, high) if needle in self.lines[index]), None)

    def _find_key(self, key: str, low: int, high: int) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        return next((index for index in range(low, high) if pattern.match(self.lines[index])), None)


def toml_literals(text: str) -> tuple[str, ...]:
    """How ``text`` may be written as a TOML string: a basic string (escaped like JSON) or a literal one."""
    return (json.dumps(text, ensure_ascii=False), f"'{text}'")


def read_sources(folder: Path) -> dict[str, QuestionSource]:
    """Each question id of the pack in ``folder`` with where it is written (the first place, if repeated)."""
    sources: dict[str, QuestionSource] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == PACK_FILE:
            continue
        for source_id, source in _scan(path).items():
            sources.setdefault(source_id, source)
    return sources


def _scan(path: Path) -> dict[str, QuestionSource]:
    try:
        lines = read_regular_file(path, DATA_FILE_LIMIT).decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, QuestionSource] = {}
    for start, end in _question_blocks(lines):
        located = _question_source(path, lines, start, end)
        if located is not None:
            found.setdefault(*located)
    return found


def _code_lines(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it starts outside a multi-line string (so it may be a header or a key)."""
    outside: list[bool] = []
    quote: str | None = None
    for line in lines:
        outside.append(quote is None)
        for match in _MULTILINE_QUOTE.finditer(line):
            if quote is None:
                quote = match.group()
            elif match.group() == quote:
                quote = None
    return outside


def _question_blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each ``[[questions]]`` block."""
    code = _code_lines(lines)
    starts = [
        index
        for index, line in enumerate(lines)
        if code[index] and (match := _HEADER.match(line)) and match.group("table") is None
    ]
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def _question_source(path: Path, lines: Sequence[str], start: int, end: int) -> tuple[str, QuestionSource] | None:
    code = _code_lines(lines[start:end])
    tables: list[_Table] = []
    question_id: tuple[str, int] | None = None
    for offset, line in enumerate(lines[start:end]):
        if not code[offset] or offset == 0:
            continue
        header = _HEADER.match(line)
        if header:
            tables.append(_Table(header.group("table") or "", start + offset))
            continue
        id_match = _ID.match(line)
        if id_match and not tables and question_id is None:
            question_id = (id_match.group("id"), start + offset)
    if question_id is None:
        return None
    name, id_index = question_id
    return name, QuestionSource(path, lines, start, end, id_index, tuple(tables))
