"""STAR structure of a behavioral answer: situation, task, action, result, found from cue phrases.

The checks are deliberately cheap and explainable: each part is detected by a short list of cue phrases
("at my last job", "my job was", "I rolled back", "as a result"), every cue found is kept with its character
span, and the notes say in plain words what is missing. Two more signals matter to interviewers:

* whose actions they were: how often the candidate says "I" against "we";
* whether the result is measurable: a figure (percent, time, money, a count with a unit) in the same
  sentence as a result cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal, get_args

from tui_interview.domain.grading.text import sentence_spans

__all__ = ["STAR_PARTS", "Cue", "StarAnalysis", "StarPart", "star_analysis"]

StarPart = Literal["situation", "task", "action", "result"]
STAR_PARTS: Final[tuple[StarPart, ...]] = get_args(StarPart)


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that signals one STAR part: ``answer[start:end] == text``."""

    part: StarPart
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StarAnalysis:
    """Which STAR parts an answer has, whose actions it describes and whether its result is measurable."""

    cues: tuple[Cue, ...]
    present: tuple[StarPart, ...]
    missing: tuple[StarPart, ...]
    i_count: int
    """How often the candidate says "I" (including "I'm", "I'd", "I've", "I'll")."""
    we_count: int
    """How often the candidate says "we" (including "we're", "we'd", "we've", "we'll")."""
    measurable_result: bool
    result_figures: tuple[str, ...]
    """Figures found in the sentences holding a result cue, such as "25 minutes" or "6%"."""
    notes: tuple[str, ...]


_NUMBER: Final = (
    r"\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|ninety|a hundred|hundreds|a thousand|thousands|a few|several|half an?"
)
"""A number written in digits or words ("25", "ten", "a few")."""
_ACTION_VERBS: Final = (
    "built|decided|proposed|wrote|led|ran|rolled|set up|created|designed|implemented|added|moved|migrated|pushed|"
    "asked|organi[sz]ed|talked|met|drafted|benchmarked|investigated|found|fixed|automated|introduced|reviewed|"
    "paired|changed|started|convinced|escalated|switched|reverted|deployed|shipped|measured|analy[sz]ed|"
    "reached out|explained|presented|volunteered|facilitated|coordinated|invited|mentored|replaced|refactored|"
    "pointed|traced|debugged|documented|scheduled|prototyped|tested|compared|negotiated|pulled|split|took|"
    "sat down|suggested|owned|made|put|kept|gave|told|called|paged|opened|closed|removed|cut|picked|chose|"
    "rewrote|rebuilt|reworked|updated|upgraded|cleaned|tuned|trained|retrained|profiled|contacted|emailed|"
    "messaged|posted|reported|raised|flagged|configured|containeri[sz]ed|packaged|merged|argued|pushed back|"
    "disagreed|listened|spent|worked|dug|spotted|noticed|checked|looked|wrapped up|handed"
)
_CUE_PATTERNS: Final[dict[StarPart, tuple[str, ...]]] = {
    "situation": (
        r"\b(?:at|in) my (?:last|previous|current|old|first|former) (?:job|company|role|team|employer|startup)\b",
        r"\bat (?:a|an) [\w-]+(?: [\w-]+)? (?:company|startup|bank|retailer|marketplace|firm|scale-?up|insurer)\b",
        r"\bwe had\b",
        r"\bthe context\b",
        r"\bthe situation\b",
        r"\bat the time\b",
        r"\bwhen I was\b",
        r"(?:^|(?<=[.!?] ))back when\b",
        r"\bone (?:day|morning|evening|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        r"\b(?:last|this) (?:year|quarter|spring|summer|autumn|fall|winter)\b",
        rf"\b(?:a few|a couple of|several|{_NUMBER}) (?:years|months|weeks) ago\b",
        r"\b(?:our|my|the) team (?:ran|owned|was|had|maintained|built|wanted|planned)\b",
    ),
    "task": (
        r"\bmy (?:job|task|role|goal|responsibility|remit) was\b",
        r"\bI was (?:responsible|asked|tasked|in charge|the owner|the one|on call|the incident commander)\b",
        r"\bthe (?:goal|task|aim|objective|challenge|ask) was\b",
        r"\b(?:we|I) needed to\b",
        r"\bI had to\b",
        r"\bit was my job\b",
        r"\bI owned\b",
    ),
    "action": (rf"\bI (?:then |also |first |quickly |personally |immediately |finally |just )?(?:{_ACTION_VERBS})\b",),
    "result": (
        r"\bas a result\b",
        r"\b(?:reduced|increased|improved|cut|saved|dropped|fell|rose|halved|doubled|tripled|shortened|lowered)\b",
        r"\b(?:sped up|went from|went down|went up|ended up|in the end|since then|which meant|back to normal)\b",
        r"\bresult(?:ed|ing)? in\b",
        r"\bthe (?:outcome|result|impact) was\b",
        r"\b(?:earlier|faster|cheaper|quicker|sooner|fewer|less) than\b",
        r"\b(?:hasn't|has not|never) (?:recurred|happened again|come back)\b",
        r"\bno repeat\b",
        r"\bon time\b",
        rf"\b(?:took|within|in under|in less than) (?:me |us |about |around |roughly |only |just )*(?:{_NUMBER})\b",
    ),
}
_COMPILED: Final = {
    part: re.compile("|".join(patterns), re.IGNORECASE | re.MULTILINE) for part, patterns in _CUE_PATTERNS.items()
}
_UNITS: Final = (
    r"%|percent\b|x\b|times\b|ms\b|milliseconds?\b|s\b|secs?\b|seconds?\b|mins?\b|minutes?\b|h\b|hrs?\b|hours?\b|"
    r"days?\b|weeks?\b|months?\b|years?\b|quarters?\b|k\b|m\b|users\b|customers\b|requests\b|engineers\b|teams\b|"
    r"gb\b|tb\b|gpus?\b|nodes\b|tickets\b|incidents\b|pages\b|alerts\b|dollars\b|euros\b|pounds\b|points\b"
)
_FIGURE_RE: Final = re.compile(
    rf"[$\u20ac\u00a3]\s?\d[\d,.]*\s?[km]?\b|\b\d[\d,.]*\s?(?:{_UNITS})"
    rf"|\b(?:{_NUMBER})(?:[- ]odd)?[- ](?:{_UNITS})|\b(?:halved|doubled|tripled)\b",
    re.IGNORECASE,
)
_WORD_RE: Final = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_I_WORDS: Final = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
_WE_WORDS: Final = frozenset({"we", "we're", "we've", "we'd", "we'll"})
_ADVICE: Final[dict[StarPart, str]] = {
    "situation": "open with where and when it happened and what was at stake",
    "task": "say what you were responsible for, or what the goal was",
    "action": "say what you did yourself, with 'I' and a verb ('I rolled back ...', 'I wrote ...')",
    "result": "say how it ended, ideally with a number",
}


def star_analysis(answer: str) -> StarAnalysis:
    """Find the STAR parts of ``answer`` and say, in notes, what a stronger telling would add."""
    cues = tuple(sorted(_cues(answer), key=lambda cue: cue.start))
    present = tuple(part for part in STAR_PARTS if any(cue.part == part for cue in cues))
    missing = tuple(part for part in STAR_PARTS if part not in present)
    i_count, we_count = _pronoun_counts(answer)
    figures = _result_figures(answer, [cue for cue in cues if cue.part == "result"])
    notes = _notes(missing, i_count, we_count, "result" in present, bool(figures))
    return StarAnalysis(cues, present, missing, i_count, we_count, bool(figures), figures, notes)


def _cues(answer: str) -> Iterator[Cue]:
    for part, pattern in _COMPILED.items():
        for found in pattern.finditer(answer):
            yield Cue(part, found.group(), found.start(), found.end())


def _pronoun_counts(answer: str) -> tuple[int, int]:
    words = [word.lower().replace("\u2019", "'") for word in _WORD_RE.findall(answer)]
    return sum(word in _I_WORDS for word in words), sum(word in _WE_WORDS for word in words)


def _result_figures(answer: str, result_cues: list[Cue]) -> tuple[str, ...]:
    """Figures in the sentences that hold a result cue."""
    figures: list[str] = []
    for start, end in sentence_spans(answer):
        if any(start <= cue.start < end for cue in result_cues):
            figures.extend(found.group().strip() for found in _FIGURE_RE.finditer(answer, start, end))
    return tuple(figures)


def _notes(
    missing: tuple[StarPart, ...], i_count: int, we_count: int, has_result: bool, measurable: bool
) -> tuple[str, ...]:
    notes = [f"No {part}: {_ADVICE[part]}." for part in missing]
    if we_count > i_count and we_count >= 3:
        notes.append(f"'we' ({we_count}) outnumbers 'I' ({i_count}): make clear which actions were yours.")
    if has_result and not measurable:
        notes.append("The result has no figure: add a number (percent, time, money or users affected).")
    if not notes:
        notes.append("All four STAR parts are there, the actions are yours and the result is measurable.")
    return tuple(notes)
