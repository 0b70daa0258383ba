"""Facts that go stale: trends questions need a dated, sourced fact, and so does any dated claim.

A dated claim is a year said as a point in time ("in 2025", "since early 2025", "March 2026", "late 2023") or a
release named as when something changed ("GA in Kubernetes 1.34", "deprecated in MLflow 2.9", "since 2.9", "in
Airflow 3.0"; a bare number after "in" or "from" is a figure, not a release: "from 0.86 to 0.80").
Dates that are data in a scenario are not claims: ISO dates (``2026-03-04``), dates with a day ("On 10 March
2026 you deploy …"), years inside code spans, identifiers or paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from tui_interview.domain.authoring.findings import Issue, Rule
from tui_interview.domain.bank.pack import Question

_MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WHEN: Final = (
    r"(?i:in|since|by|until|till|before|after|from|during|around|circa|as\s+of|early|mid|late|end\s+of|"
    r"start\s+of|spring|summer|autumn|fall|winter|Q[1-4]|H[12])"
)
_YEAR: Final = r"(?:19[89]\d|20[0-4]\d)(?![\w%/_:]|[.,]\d|-\d\d-)"
YEAR_CLAIM: Final = re.compile(rf"(?<![\w\-/_.$])(?:(?:{_WHEN}\s+){{1,2}}(?:{_MONTH}\s+)?|(?<!\d\s){_MONTH}\s+){_YEAR}")
_RELEASE: Final = r"v?\d+\.\d+(?:\.\d+)?\b"
_NAMED_RELEASE: Final = rf"[A-Z][\w.-]*\s+{_RELEASE}"
VERSION_CLAIM: Final = re.compile(
    rf"\b(?:(?i:since|as\s+of|until)\s+(?:{_NAMED_RELEASE}|{_RELEASE})"
    rf"|(?i:GA|beta|alpha|stable|deprecated|removed|introduced|released|added|graduated|default)\s+"
    rf"(?i:in|since|from)\s+(?:{_NAMED_RELEASE}|{_RELEASE})"
    rf"|(?i:in|from|before|after)\s+{_NAMED_RELEASE})"
)
_CODE_SPAN: Final = re.compile(r"`[^`\n]*`")
_MAY_HOLD_CLAIM: Final = re.compile(r"(?:19|20)\d\d|\d\.\d")
"""A year or a release number: text without one is not searched further."""
_WHEN_OF_CLAIM: Final = re.compile(r"\d+(?:\.\d+)*")
"""The year or release number of a claim, to look for among a question's facts."""
CLAIMS_SHOWN: Final = 3

TRENDS_WITHOUT_FACT: Final = Rule(
    "trends-without-fact",
    "error",
    "add a [[questions.facts]] entry (text, source, as_of) for the development the question is about, from a "
    "primary source",
)
DATED_CLAIM: Final = Rule(
    "dated-claim",
    "warning",
    "record the claim as a [[questions.facts]] entry with its source and date, or remove the date",
)


def dated_claims(text: str) -> list[str]:
    """The dated claims in ``text``, in order, each as written (with its line breaks as spaces)."""
    if not _MAY_HOLD_CLAIM.search(text):
        return []
    prose = _CODE_SPAN.sub(lambda match: " " * len(match.group()), text)
    found = sorted([*YEAR_CLAIM.finditer(prose), *VERSION_CLAIM.finditer(prose)], key=lambda match: match.start())
    return [" ".join(match.group().split()) for match in found]


def currency_issues(question: Question) -> Iterator[Issue]:
    """A trends question without facts; in any other question, each field stating dated claims that no fact
    dates (a claim is dated by a fact whose text, source or date holds the claim's year or release)."""
    claims = {field: dated_claims(getattr(question, field)) for field in ("prompt", "model_answer")}
    if question.kind == "trends" and not question.facts:
        said = [claim for found in claims.values() for claim in found]
        stated = f"; it states {_quoted(said)}" if said else ""
        message = f"a trends question with no [[questions.facts]] entry to date and source what it relies on{stated}"
        yield Issue(TRENDS_WITHOUT_FACT, "facts", message)
        return
    recorded = " ".join(f"{fact.text} {fact.source} {fact.as_of}" for fact in question.facts)
    for field, found in claims.items():
        undated = [claim for claim in found if not _dated_by(claim, recorded)]
        if undated:
            why = "no [[questions.facts]] entry dates it" if question.facts else "the question has no facts"
            message = f"states {_quoted(undated)} but {why}"
            yield Issue(DATED_CLAIM, field, message, _needles(undated[0]))


def _dated_by(claim: str, recorded: str) -> bool:
    """True when the facts' text holds the claim's year or release number."""
    when = _WHEN_OF_CLAIM.findall(claim)
    return bool(when) and all(re.search(rf"(?<![\d.]){re.escape(part)}(?![\d])", recorded) for part in when)


def _quoted(claims: list[str]) -> str:
    shown = ", ".join(repr(claim) for claim in claims[:CLAIMS_SHOWN])
    more = len(claims) - CLAIMS_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _needles(claim: str) -> tuple[str, ...]:
    """The claim as written, else its last word (a claim may wrap across lines in the file)."""
    return (claim, claim.split()[-1])
