"""Counting a pack's questions by area, kind and level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from tui_interview.domain.bank.pack import Pack
from tui_interview.domain.formatting import plural
from tui_interview.domain.vocabulary import KINDS, LEVELS


@dataclass(frozen=True)
class PackStats:
    pack_id: str
    total: int
    by_area: dict[str, int]
    by_kind: dict[str, int]
    by_level: dict[str, int]
    by_area_kind: dict[str, dict[str, int]]

    def as_json(self) -> dict[str, object]:
        return {
            "pack": self.pack_id,
            "total": self.total,
            "by_area": self.by_area,
            "by_kind": self.by_kind,
            "by_level": self.by_level,
            "by_area_kind": self.by_area_kind,
        }


def pack_stats(pack: Pack) -> PackStats:
    areas = [area.id for area in pack.info.areas]
    area_kind: Counter[tuple[str, str]] = Counter((q.area, q.kind) for q in pack.questions)
    by_kind: Counter[str] = Counter(q.kind for q in pack.questions)
    by_level: Counter[str] = Counter(q.level for q in pack.questions)
    by_area = Counter(q.area for q in pack.questions)
    return PackStats(
        pack_id=pack.id,
        total=len(pack.questions),
        by_area={area: by_area[area] for area in areas},
        by_kind={kind: by_kind[kind] for kind in KINDS},
        by_level={level: by_level[level] for level in LEVELS},
        by_area_kind={area: {kind: area_kind[(area, kind)] for kind in KINDS} for area in areas},
    )


SHORT_KINDS: Final[Mapping[str, str]] = {"technical": "tech", "debugging": "debug", "behavioral": "behav"}
"""Column headings for :func:`stats_table` when the kinds' full names make the table wider than the terminal."""


def stats_table(stats: PackStats, width: int = 80) -> str:
    """A plain-text area-by-kind table with totals, then the levels; at most ``width`` columns wide where the
    area ids allow it (the longer kind names are shortened, with a legend, when the full ones do not fit)."""
    kinds: list[str] = [kind for kind in KINDS if stats.by_kind[kind]]
    table = _table(stats, {kind: kind for kind in kinds})
    if max(map(len, table)) > width:
        short = {kind: SHORT_KINDS.get(kind, kind) for kind in kinds}
        legend = ", ".join(f"{heading} = {kind}" for kind, heading in short.items() if heading != kind)
        table = [*_table(stats, short), "", legend]
    levels = ", ".join(f"{level} {count}" for level, count in stats.by_level.items())
    return "\n".join([f"Pack {stats.pack_id}: {plural(stats.total, 'question')}", "", *table, "", f"levels: {levels}"])


def _table(stats: PackStats, headings: Mapping[str, str]) -> list[str]:
    """The rows of the table: one per area and a total, one column per kind of ``headings`` under its heading."""
    widths = {kind: max(len(heading), len(str(stats.by_kind[kind]))) for kind, heading in headings.items()}
    area_width = max([len(area) for area in stats.by_area] + [len("total")])
    total_width = max(len("total"), len(str(stats.total)))

    def row(label: str, cells: Mapping[str, object], total: object) -> str:
        columns = "  ".join(f"{cells[kind]!s:>{widths[kind]}}" for kind in headings)
        return f"{label:<{area_width}}  {columns}  {total!s:>{total_width}}"

    lines = [row("area", headings, "total")]
    lines += [row(area, counts, stats.by_area[area]) for area, counts in stats.by_area_kind.items()]
    lines.append(row("total", stats.by_kind, stats.total))
    return lines
