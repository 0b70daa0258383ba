"""What ``bank lint`` reports: the rules, what a rule found in a question, and findings placed in their files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tui_interview.domain.formatting import plural

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One check: its code (a short slug), how serious a finding is, and the usual fix."""

    code: str
    severity: Severity
    hint: str


@dataclass(frozen=True)
class Issue:
    """What a rule found in one question, before it is placed at a line of the question's file."""

    rule: Rule
    field: str | None
    """The dotted path of the offending part, as the loader writes it (``points.2.keywords.0``)."""
    message: str
    needles: tuple[str, ...] = ()
    """Text to look for in the file, the first found giving the line (a keyword as written, a dated claim)."""
    severity: Severity | None = None
    """When the rule's own severity does not fit this case."""


@dataclass(frozen=True)
class Finding:
    """One problem in one question, located as precisely as the file allows."""

    file: Path
    line: int | None
    question: str
    field: str | None
    rule: str
    severity: Severity
    message: str
    hint: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        field = f" field {self.field!r}:" if self.field else ""
        return (
            f"{where}: question {self.question!r}:{field} {self.severity}[{self.rule}]: {self.message} "
            f"(hint: {self.hint})"
        )

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (str(self.file), self.line or 0, self.question, self.field or "", self.rule)

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "line": self.line,
            "question": self.question,
            "field": self.field,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """By file, then line, then question, field and rule."""
    return sorted(findings, key=lambda finding: finding.sort_key)


def summary(findings: Sequence[Finding], packs: int, rules: Sequence[Rule]) -> str:
    """One line: how many findings in how many packs, errors and warnings, and the count of each rule found."""
    where = plural(packs, "pack")
    if not findings:
        return f"no findings in {where}"
    by_rule = Counter(finding.rule for finding in findings)
    errors = sum(finding.severity == "error" for finding in findings)
    counts = ", ".join(f"{rule.code} {by_rule[rule.code]}" for rule in rules if by_rule[rule.code])
    tally = f"{plural(errors, 'error')}, {plural(len(findings) - errors, 'warning')}"
    return f"{plural(len(findings), 'finding')} in {where} ({tally}): {counts}"
