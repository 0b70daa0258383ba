"""Counting a pack's questions by area, kind and level."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tui_interview.domain.bank.pack import Pack
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


def stats_table(stats: PackStats) -> str:
    """A plain-text area-by-kind table with totals, then the levels."""
    kinds = [kind for kind in KINDS if stats.by_kind[kind]]
    width = max([len(area) for area in stats.by_area] + [5])
    header = f"{'area':<{width}}  " + "  ".join(f"{kind:>10}" for kind in kinds) + f"  {'total':>6}"
    lines = [f"Pack {stats.pack_id}: {stats.total} questions", "", header]
    for area, row in stats.by_area_kind.items():
        cells = "  ".join(f"{row[kind]:>10}" for kind in kinds)
        lines.append(f"{area:<{width}}  {cells}  {stats.by_area[area]:>6}")
    totals = "  ".join(f"{stats.by_kind[kind]:>10}" for kind in kinds)
    lines.append(f"{'total':<{width}}  {totals}  {stats.total:>6}")
    lines += ["", "levels: " + ", ".join(f"{level} {count}" for level, count in stats.by_level.items())]
    return "\n".join(lines)
