"""STAR structure of a behavioral answer: situation, task, action, result, found from cue phrases.

The checks are deliberately cheap and explainable: each part is detected by a short list of cue phrases
("at my last job", "my job was", "I rolled back", "as a result"), every cue found is kept with its character
span, and the notes say in plain words what is missing. Two more signals matter to interviewers:

* whose actions they were: how often the candidate says "I" against "we";
* whether the result is measurable: a figure (percent, time, money, a count with a unit) in the same
  sentence as a result cue.

**One judgement per aspect.** A behavioral question's talking points sometimes judge what this check judges
("Quantifies the result", "Gives a concrete outcome", "Describes their own actions in the first person").
So that the STAR lines and the talking points never contradict each other on one screen, such a point is
recognised from its text (:func:`point_aspect`) and judged through this analysis (:func:`aspect_verdict`):

* *measured result* (the point speaks of a result, outcome, effect, recovery or before-and-after, and of
  numbers, figures, metrics, measuring or quantifying): this check decides alone. Covered exactly when the
  result is measurable, with the sentence holding the figure as evidence; missed otherwise, whatever keywords
  matched ("minutes" in "I spent 40 minutes looking" is not a result).
* *result* (a result or outcome without asking for numbers): keywords still decide, but only where this check
  finds a result; a result found with no keyword makes the point *possible* (for the candidate to confirm).
* *own actions* (first person, their own actions): keywords decide unless this check finds no action of the
  candidate's own or "we" outnumbering "I", which it reports as a note; then the point is missed.

The grader (:func:`~tui_interview.domain.grading.grade.grade_answer`) applies this to behavioral questions,
the only ones the STAR check is shown for. New aspects go in :data:`ASPECTS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, get_args

from tui_interview.domain.grading.text import sentence_spans

__all__ = [
    "ASPECTS",
    "PART_ADVICE",
    "STAR_PARTS",
    "AspectVerdict",
    "Cue",
    "StarAnalysis",
    "StarAspect",
    "StarPart",
    "aspect_verdict",
    "point_aspect",
    "star_analysis",
    "we_outnumbers_i",
]

StarPart = Literal["situation", "task", "action", "result"]
StarAspect = Literal["measured_result", "result", "own_actions"]
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

    @property
    def we_outnumbers_i(self) -> bool:
        """Whether "we" outnumbers "I" enough to leave unclear which actions were the candidate's own."""
        return we_outnumbers_i(self.i_count, self.we_count)


def we_outnumbers_i(i_count: int, we_count: int) -> bool:
    """The one rule for "whose actions were they": "we" said more often than "I", and at least three times."""
    return we_count > i_count and we_count >= 3


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
PART_ADVICE: Final[dict[StarPart, str]] = {
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
    notes = [f"No {part}: {PART_ADVICE[part]}." for part in missing]
    if we_outnumbers_i(i_count, we_count):
        notes.append(f"'we' ({we_count}) outnumbers 'I' ({i_count}): make clear which actions were yours.")
    if has_result and not measurable:
        notes.append("The result has no figure: add a number (percent, time, money or users affected).")
    if not notes:
        notes.append("All four STAR parts are there, the actions are yours and the result is measurable.")
    return tuple(notes)


_RESULT_WORDS: Final = (
    r"results?|outcomes?|effects? of|(?:measurable|measured) effects?|what happened|recovery|recovered|"
    r"time to (?:restore|mitigate|detect|resolve|recover)|afterwards|damage|saved|savings"
)
_MEASURE_WORDS: Final = r"quantif\w*|measur\w*|numbers?|numeric|figures?|metrics?"
_OWN_ACTION_WORDS: Final = (
    r"first[- ]person|(?:their|his|her) own (?:actions?|moves|steps|work|investigation|preparation|mentoring|"
    r"changes|decisions|part)|own (?:actions|moves)"
)
ASPECTS: Final[tuple[tuple[StarAspect, re.Pattern[str]], ...]] = (
    (
        "measured_result",
        re.compile(
            rf"(?=.*\b(?:{_RESULT_WORDS}|before[- ]and[- ]after)\b)(?=.*\b(?:{_MEASURE_WORDS}))",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    ("result", re.compile(rf"\b(?:{_RESULT_WORDS})\b", re.IGNORECASE)),
    ("own_actions", re.compile(rf"\b(?:{_OWN_ACTION_WORDS})\b", re.IGNORECASE)),
)
"""How a talking point's text shows which STAR aspect it judges, most specific first."""


@dataclass(frozen=True, slots=True)
class AspectVerdict:
    """What the STAR check says about one aspect, for the talking point that judges the same thing."""

    allows: bool
    """The check finds the aspect, so keyword evidence for the point may stand."""
    decides: bool
    """The check alone decides the point (covered exactly when ``allows``)."""
    evidence: tuple[int, int] | None
    """The sentence the check found the aspect in."""
    reason: str
    """The check's judgement in words, for a point it does not allow or only makes possible."""


@lru_cache(maxsize=16_384)
def point_aspect(text: str) -> StarAspect | None:
    """The STAR aspect a talking point's ``text`` is about, or None ("Quantifies the result" -> measured_result)."""
    for aspect, pattern in ASPECTS:
        if pattern.search(text):
            return aspect
    return None


def aspect_verdict(aspect: StarAspect, answer: str, star: StarAnalysis) -> AspectVerdict:
    """The STAR check's judgement of ``aspect`` in ``answer`` (``star`` is ``star_analysis(answer)``)."""
    if aspect == "measured_result":
        evidence = _sentence_with(answer, star, "result", figure=True)
        reason = (
            "the STAR check finds no figure in the result"
            if "result" in star.present
            else "the STAR check finds no result"
        )
        return AspectVerdict(star.measurable_result, True, evidence, reason)
    if aspect == "result":
        evidence = _sentence_with(answer, star, "result")
        return AspectVerdict(
            "result" in star.present,
            False,
            evidence,
            "the STAR check finds a result here: check it says how it ended"
            if evidence
            else "the STAR check finds no result",
        )
    evidence = _sentence_with(answer, star, "action")
    if "action" not in star.present:
        return AspectVerdict(False, False, None, "the STAR check finds no action of your own ('I ...')")
    if star.we_outnumbers_i:
        return AspectVerdict(False, False, evidence, f"the STAR check counts 'we' {star.we_count}, 'I' {star.i_count}")
    return AspectVerdict(True, False, evidence, "the STAR check finds your own actions here: check them")


def _sentence_with(answer: str, star: StarAnalysis, part: StarPart, figure: bool = False) -> tuple[int, int] | None:
    """The first sentence holding a cue of ``part`` (and, with ``figure``, a figure too), trimmed."""
    starts = [cue.start for cue in star.cues if cue.part == part]
    for start, end in sentence_spans(answer):
        if any(start <= cue < end for cue in starts) and (not figure or _FIGURE_RE.search(answer, start, end)):
            text = answer[start:end]
            left = len(text) - len(text.lstrip())
            return start + left, start + len(text.rstrip())
    return None
