"""Offline grading of a typed answer against a question's talking points and known wrong claims.

Each :class:`~tui_interview.domain.bank.pack.Point` lists keywords that signal it. Keywords are found on word
stems with phrase variants, British spellings and typo tolerance for non-words (see
:mod:`~tui_interview.domain.grading.matching`). A keyword found is a *mention*; a point needs a *claim*:

1. **A claim, not a mention** (:mod:`~tui_interview.domain.grading.claims`): no credit for a mention that is
   negated in its clause ("I would not use a canary", "without a canary"), dismissed ("X is overkill",
   "seeds don't matter"), or contrasted away by what follows ("people use X, but I'd just Y"). A hedged
   mention ("I guess maybe one could consider X, not sure"), one attributed to others ("most teams use X"), one
   inside a question the candidate asks, or one negated only inside a condition is a weak signal: the point is
   *possible*. When the point's own text negates the keyword ("instead of a random split"), a negated mention
   is what the point asks for. A claimed mention that is the subject of a negated predicate denying another
   keyword of its point ("Fail closed doesn't block legitimate users") is denied with it.
2. **No name-dropping** (:mod:`~tui_interview.domain.grading.credit`): items of a bare list of terms earn
   nothing; neither does an answer that is mostly bare terms, nor one that fires four or more points with
   fewer than one word of its own per point or with its keywords strung together ("reads as a list of terms:
   explain how or why").
3. **Echo is not evidence**: a keyword whose words all occur in the question's prompt (for a scenario step's
   point, in the prompt or the reveals up to that step; and in ``asked``, the text the candidate was answering)
   counts only when its clause adds at least :data:`ECHO_OWN_WORDS` words of the candidate's own; with fewer it
   is a weak signal, with none it earns nothing.
4. **One generic word is a weak signal**: a point shown only by a one-word keyword that is a common English
   word ("impact", "review", "minutes") is *possible* unless its clause has a specific word of its own (a
   number, an uncommon word, a word of the point's text) or another of the point's keywords is claimed.
5. **Asking points need a question**: a point about asking ("Asks about the team structure") is only shown by
   a question: a sentence ending in "?" or opening like one, or the words after "I'd ask", "I want to know".
   A statement containing the words earns nothing.
6. **Red flags**: a question's ``red_flags`` are wrong claims. One found as a claim (strictly: not negated,
   hedged, conditional, asked or attributed) is reported in :attr:`Grade.red_flags`, and the point it
   contradicts gets no credit.
7. **STAR and talking points agree** on behavioral questions: points about the result or the candidate's own
   actions are judged through the STAR analysis (see :mod:`~tui_interview.domain.grading.star`).

Every verdict is explainable: per point, its status (covered, possible, missed), the sentence that shows it
(:class:`~tui_interview.domain.grading.results.Evidence`), the matches that earned credit (with character
offsets into the answer, for highlighting) and the ones that did not, each with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from tui_interview.domain.bank.pack import Point, Question
from tui_interview.domain.grading import cues, english
from tui_interview.domain.grading.claims import CLAIM, Judgement, Structure, analyse, denied_predicate, judge_mention
from tui_interview.domain.grading.credit import BareList, bare_answer_note, bare_lists, own_words, stuffing_note
from tui_interview.domain.grading.matching import (
    Found,
    PointKey,
    all_matches,
    compile_keyword,
    compile_points,
    index_answer,
    point_key,
)
from tui_interview.domain.grading.results import (
    Evidence,
    Grade,
    PointResult,
    PointStatus,
    RedFlagFound,
    Rejection,
)
from tui_interview.domain.grading.star import AspectVerdict, aspect_verdict, point_aspect, star_analysis
from tui_interview.domain.grading.text import is_function_word, is_negator, normalise_word, stem_word, tokenise
from tui_interview.domain.grading.text import keyword_tokens as cached_keyword_tokens

ECHO_OWN_WORDS: Final = 3
"""Words of the candidate's own a clause needs for a keyword taken from the question to count."""


NUMBER_REACH: Final = 2
"""A number this many words from a generic keyword makes it specific ("40 minutes", "30% of customers")."""


EVIDENCE_MAX_CHARS: Final = 300
"""Longer sentences are quoted by the clause instead."""


@dataclass(frozen=True, slots=True)
class _Mention:
    found: Found
    judgement: Judgement


@lru_cache(maxsize=4096)
def echo_stems(texts: tuple[str, ...]) -> frozenset[str]:
    """Stems of the content words of ``texts``: what the candidate was told, so repeating it shows nothing."""
    return frozenset(
        token.stem
        for text in texts
        for token in tokenise(text)
        if not token.transparent and not is_function_word(token.word)
    )


def _point_echoes(question: Question, chosen: Sequence[Point], asked: str | None) -> list[frozenset[str]]:
    """For each point graded, the stems it may not be shown by alone: the prompt, the reveals up to the
    point's own step, and ``asked``."""
    step_of = {id(point): number for number, step in enumerate(question.steps, start=1) for point in step.points}
    reveals = tuple(step.reveal for step in question.steps)
    extra = (asked,) if asked else ()
    return [echo_stems((question.prompt, *reveals[: step_of.get(id(point), 0)], *extra)) for point in chosen]


@lru_cache(maxsize=16_384)
def _point_stems(text: str) -> frozenset[str]:
    """Content stems of a point's text, without the words that describe answering ("Explains", "Names")."""
    return frozenset(
        token.stem
        for token in tokenise(text)
        if not is_function_word(token.word) and token.word not in cues.POINT_META_WORDS
    )


@lru_cache(maxsize=16_384)
def _is_asking_point(text: str) -> bool:
    """True for a point about the candidate asking: "Asks about ...", "Questions about ...", "Enquires ..."."""
    words = text.split(maxsplit=1)
    return bool(words) and normalise_word(words[0].strip(",.:;")) in cues.ASKING_POINT_START


@lru_cache(maxsize=16_384)
def _is_generic(keyword: str) -> bool:
    """A keyword of at most one content word, and that a common English word ("impact", "look at")."""
    content = [token.word for token in tokenise(keyword) if not is_function_word(token.word)]
    if not content:
        return True
    return len(content) == 1 and content[0].isalpha() and _common(content[0])


@lru_cache(maxsize=1024)
def _keywords_negated_in_points(key: PointKey) -> frozenset[tuple[int, str]]:
    """(point number, keyword) pairs whose point text itself negates the keyword ("instead of a random split").

    For those a negated mention in the answer is what the point asks for, so negation is not checked. A
    keyword right after "and" starts the point's next action ("Accepts the data cannot be reproduced and
    documents the gap"): a negation before the "and" does not reach it.
    """
    matcher = compile_points(key)
    negated: set[tuple[int, str]] = set()
    for number, point in enumerate(matcher.points):
        indexed = index_answer(point.text, matcher)
        structure = analyse(point.text, indexed.tokens)
        for found in all_matches(matcher, indexed):
            if found.point == number and not (
                found.first_token > 0 and structure.words[found.first_token - 1] == "and"
            ):
                judgement = judge_mention(structure, found.first_token, found.last_token, found.keyword.stems)
                if judgement.verdict == "rejected":
                    negated.add((number, found.keyword.text))
    return frozenset(negated)


def grade_answer(
    question: Question, answer: str, points: Sequence[Point] | None = None, *, asked: str | None = None
) -> Grade:
    """Decide, for each talking point, whether ``answer`` covers it, may cover it or misses it, and why.

    ``points`` defaults to ``question.all_points``: the question's points, then each scenario step's points.
    ``asked`` is the text the candidate was answering when it is not the prompt (a step's reveal or a
    follow-up question): its words are no evidence either. The score is the weighted share of points covered
    (see :attr:`Grade.score`); *possible* points do not count until the candidate confirms them.
    """
    chosen = list(question.all_points if points is None else points)
    flags = question.red_flags
    key = point_key(chosen) + tuple((flag.text, tuple(flag.keywords), 1.0) for flag in flags)
    matcher = compile_points(key, loose_from=len(chosen))
    indexed = index_answer(answer, matcher)
    found = list(all_matches(matcher, indexed))
    behavioral = question.kind == "behavioral"
    if not found and not (behavioral and answer.strip()):
        return Grade(question.id, tuple(PointResult(n, p.text, p.weight, (), ()) for n, p in enumerate(chosen)))
    structure = analyse(answer, indexed.tokens)
    echoes = _point_echoes(question, chosen, asked)
    prompt_echo = echo_stems((question.prompt, *((asked,) if asked else ())))
    keyword_tokens = {i for item in found for i in range(item.first_token, item.last_token + 1)}
    bare_note = bare_answer_note(indexed, keyword_tokens)
    lists = bare_lists(answer) if found else []
    negated_in_text = _keywords_negated_in_points(key)

    def judge(item: Found, echo: frozenset[str], point_text: str) -> Judgement:
        if bare_note:
            return Judgement("rejected", bare_note, listed=True)
        for bare in lists:
            if bare.start <= item.match.start < bare.end:
                return Judgement("rejected", f"name-dropped in a list of {bare.items} bare terms", listed=True)
        allow = (item.point, item.keyword.text) in negated_in_text
        judgement = judge_mention(structure, item.first_token, item.last_token, item.keyword.stems, allow_negated=allow)
        if judgement.verdict != "claim":
            return judgement
        return _question_and_echo(structure, item, echo, point_text)

    def judge_flag(item: Found) -> bool:
        allow = (item.point, item.keyword.text) in negated_in_text
        strict = judge_mention(
            structure, item.first_token, item.last_token, item.keyword.stems, strict=True, allow_negated=allow
        )
        if strict.verdict != "claim" or structure.sentence_of(item.first_token).question:
            return False
        # a wrong claim may be worded with the question's words; only pure repetition is not asserting it
        verdict = judge(item, frozenset(), "")
        return verdict.verdict == "claim" and not _repeats_only(structure, item, prompt_echo)

    red_flags = _red_flags(question, chosen, structure, found, len(chosen), judge_flag)
    contradicted = {flag.contradicts: flag for flag in red_flags if flag.contradicts is not None}
    mentions: list[list[_Mention]] = [[] for _ in chosen]
    for item in found:
        if item.point < len(chosen):
            point = chosen[item.point]
            flag = _inside_flag(item, red_flags)
            judgement = (
                Judgement("rejected", f"part of a wrong claim: {flag.match.text!r} ({flag.text})")
                if flag is not None
                else judge(item, echoes[item.point], point.text)
            )
            mentions[item.point].append(_Mention(item, judgement))
    for number, point in enumerate(chosen):
        mentions[number] = _denied_with_predicate(structure, mentions[number])
        if not _is_asking_point(point.text):  # for an asking point, being asked is the test
            mentions[number] = _generic_check(structure, mentions[number], point.text, echoes[number], behavioral)
    # points the answer names without negating or dismissing them: what a list of terms would be credited for
    fired = sum(
        any(m.judgement.verdict != "rejected" or m.judgement.listed for m in found_for) for found_for in mentions
    )
    spans = [(m.found.first_token, m.found.last_token) for found_for in mentions for m in found_for]
    stuffing = stuffing_note(indexed, fired, own_words(indexed, keyword_tokens, prompt_echo), spans)
    star = star_analysis(answer) if behavioral and any(point_aspect(p.text) for p in chosen) else None
    results = []
    for number, point in enumerate(chosen):
        aspect = point_aspect(point.text) if star is not None else None
        verdict = aspect_verdict(aspect, answer, star) if aspect is not None and star is not None else None
        overrule = _overrule(contradicted.get(number), stuffing or bare_note)
        results.append(_point_result(number, point, mentions[number], structure, overrule, verdict, lists))
    notes = tuple(note for note in (bare_note, stuffing) if note)
    return Grade(question.id, tuple(results), notes, tuple(red_flags))


def _inside_flag(item: Found, flags: Sequence[RedFlagFound]) -> RedFlagFound | None:
    """The wrong claim whose words include this mention ("raise the recursion limit" is no step limit)."""
    return next((f for f in flags if f.match.start <= item.match.start and item.match.end <= f.match.end), None)


def _denied_with_predicate(structure: Structure, mentions: list[_Mention]) -> list[_Mention]:
    """A claimed mention that is the subject of a negated predicate denying another keyword of the same point
    ("Fail closed doesn't block legitimate users", "Kafka has no consumer lag") is denied with it: the clause
    says the opposite of the point."""
    negated = [m for m in mentions if m.judgement.verdict == "rejected"]
    if not negated:
        return mentions
    result = []
    for mention in mentions:
        found = mention.found
        negator = (
            denied_predicate(structure, found.first_token, found.last_token)
            if mention.judgement.verdict == "claim"
            else None
        )
        if negator is not None and any(
            structure.clause_of[m.found.first_token] == structure.clause_of[found.first_token]
            and m.found.first_token > negator
            for m in negated
        ):
            span = structure.text[found.match.start : structure.tokens[negator].end]
            mention = _Mention(found, Judgement("rejected", f"said not to: {span!r}"))
        result.append(mention)
    return result


def _question_and_echo(structure: Structure, item: Found, echo: frozenset[str], point_text: str) -> Judgement:
    """Asking points need a question; other points are not shown by a question or by the prompt's words."""
    first = item.first_token
    sentence = structure.sentence_of(first)
    quote = structure.text[sentence.start : sentence.end]
    if _is_asking_point(point_text):
        if not structure.asks_at(first):
            return Judgement("rejected", f"a statement, not a question: {quote!r}")
    elif sentence.question:
        return Judgement("weak", f"asked, not stated: {quote!r}")
    stems = _content_stems(structure, item.first_token, item.last_token)
    if stems and stems <= echo:
        own = _own_in_clause(structure, item, echo)
        if own == 0:
            return Judgement("rejected", f"repeats the question: {item.match.text!r}")
        if own < ECHO_OWN_WORDS:
            return Judgement("weak", f"repeats the question's words: {_clause_text(structure, first)!r}")
    return CLAIM


def _repeats_only(structure: Structure, item: Found, echo: frozenset[str]) -> bool:
    """Its words all come from the question and its sentence adds none of the candidate's own. A negation in
    the flag's own words is content ("No questions from me" to "Do you have questions?")."""
    stems = _content_stems(structure, item.first_token, item.last_token)
    if not stems or not stems <= echo:
        return False
    if any(is_negator(token.word) for token in structure.tokens[item.first_token : item.last_token + 1]):
        return False
    sentence = structure.sentence_of(item.first_token)
    return not any(
        _own_word(structure, i, echo)
        for i in range(sentence.first, sentence.last + 1)
        if not item.first_token <= i <= item.last_token
    )


def _content_stems(structure: Structure, first: int, last: int) -> frozenset[str]:
    tokens = structure.tokens[first : last + 1]
    content = [t.stem for t in tokens if not t.transparent and not is_function_word(t.word)]
    return frozenset(content or [t.stem for t in tokens if not t.transparent])


def _own_in_clause(structure: Structure, item: Found, echo: frozenset[str]) -> int:
    """The candidate's own words in the clauses the match spans, each word once: saying "hand" twice in "on one
    hand ..., on the other hand ..." adds nothing."""
    first = structure.clauses[structure.clause_of[item.first_token]].first
    last = structure.clauses[structure.clause_of[item.last_token]].last
    return len(
        {
            structure.tokens[i].stem
            for i in range(first, last + 1)
            if not item.first_token <= i <= item.last_token and _own_word(structure, i, echo)
        }
    )


def _own_word(structure: Structure, i: int, echo: frozenset[str]) -> bool:
    token = structure.tokens[i]
    return (
        not token.transparent
        and not is_function_word(token.word)
        and token.word not in cues.EMPTY_WORDS
        and token.word not in cues.VAGUE_WORDS
        and token.stem not in echo
    )


def _specific(word: str) -> bool:
    """A name rather than a common word: an uncommon word ("canary"), or letters with digits ("p99", "v12")."""
    if word.isalpha():
        return not _common(word)
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _common(word: str) -> bool:
    """A common English word, or a vague workplace one ("stakeholders"): naming nothing in particular."""
    return word in cues.VAGUE_WORDS or english.is_common_word(word)


def _clause_text(structure: Structure, token: int) -> str:
    start, end = structure.clause_span(structure.clauses[structure.clause_of[token]])
    return structure.text[start:end]


def _generic_check(
    structure: Structure, mentions: list[_Mention], point_text: str, echo: frozenset[str], story: bool
) -> list[_Mention]:
    """Make claims weak when they name nothing specific.

    A point resting on one generic word ("impact", "minutes") needs something specific in its clause. In a
    ``story`` (a behavioral answer) every claim whose keyword is made of common words only ("looking back",
    "my manager", "we agreed") needs it, and there the specifics are names (a system, a tool, a word of the
    point's text), not the question's words ("a time when ...") and, except for a result, not a bare figure:
    a story without one specific detail is filler.
    """
    claims = [m for m in mentions if m.judgement.verdict == "claim"]
    keywords = {m.found.keyword.text for m in claims}
    generic = len(keywords) == 1 and _is_generic(next(iter(keywords)))
    result_point = point_aspect(point_text) in {"result", "measured_result"}
    weak: set[int] = set()
    if story:
        weak = {
            id(m)
            for m in claims
            if (generic or _all_common(m.found.keyword.text))
            and not _corroborated(structure, m.found, point_text, frozenset(), numbers=result_point)
        }
        if len(weak) < len(claims):
            weak = set()  # one specific claim carries the point
    elif generic and not any(_corroborated(structure, m.found, point_text, echo) for m in claims):
        weak = {id(m) for m in claims}
    if not weak:
        return mentions
    label = "one generic word" if generic else "nothing specific"
    return [
        _Mention(m.found, Judgement("weak", f"{label}: {_clause_text(structure, m.found.first_token)!r}"))
        if id(m) in weak
        else m
        for m in mentions
    ]


@lru_cache(maxsize=16_384)
def _all_common(keyword: str) -> bool:
    """Every word of ``keyword`` is a function word or a common English word ("looking back", "I decided")."""
    return all(
        is_function_word(token.word) or (token.word.isalpha() and _common(token.word)) for token in tokenise(keyword)
    )


def _corroborated(
    structure: Structure, item: Found, point_text: str, echo: frozenset[str], *, numbers: bool = True
) -> bool:
    """Its clause names something besides the keyword: a number next to it, an uncommon word, a word of the
    point's text, or what the question is about ("Hybrid works for me" names the arrangement; "I would look at
    it" names nothing)."""
    clause = structure.clauses[structure.clause_of[item.first_token]]
    point_stems = _point_stems(point_text)
    for i in range(clause.first, clause.last + 1):
        token = structure.tokens[i]
        if item.first_token <= i <= item.last_token or not _own_word(structure, i, frozenset()):
            continue
        near = item.first_token - NUMBER_REACH <= i <= item.last_token + NUMBER_REACH
        if (
            token.stem in point_stems
            or token.stem in echo
            or (numbers and near and token.word.isdigit())
            or _specific(token.word)
        ):
            return True
    return False


def _red_flags(
    question: Question,
    chosen: Sequence[Point],
    structure: Structure,
    found: list[Found],
    first_flag: int,
    asserted: Callable[[Found], bool],
) -> list[RedFlagFound]:
    """The red flags ``found`` asserts: each at its first claim, with the point it contradicts in ``chosen``."""
    flags = question.red_flags
    if not flags:
        return []
    position = {id(point): n for n, point in enumerate(chosen)}
    all_points = question.all_points
    seen: set[int] = set()
    hits: list[RedFlagFound] = []
    for item in found:
        number = item.point - first_flag
        if number < 0 or number in seen:
            continue
        if not asserted(item):
            continue
        seen.add(number)
        flag = flags[number]
        contradicts = position.get(id(all_points[flag.contradicts])) if flag.contradicts is not None else None
        evidence = _evidence(structure, item.first_token)
        hits.append(RedFlagFound(number, flag.text, flag.why, contradicts, item.match, evidence))
    return sorted(hits, key=lambda hit: hit.index)


def _evidence(structure: Structure, token: int) -> Evidence:
    sentence = structure.sentence_of(token)
    start, end = sentence.start, sentence.end
    if end - start > EVIDENCE_MAX_CHARS:
        start, end = structure.clause_span(structure.clauses[structure.clause_of[token]])
    return Evidence(start, end, structure.text[start:end])


def _span_evidence(text: str, span: tuple[int, int]) -> Evidence:
    return Evidence(span[0], span[1], text[span[0] : span[1]])


def _in_lists(span: tuple[int, int], lists: Sequence[BareList]) -> bool:
    return any(bare.start <= span[0] < bare.end or span[0] <= bare.start < span[1] for bare in lists)


def _overrule(flag: RedFlagFound | None, stuffing: str | None) -> str | None:
    """Why every claim of a point is withheld: the wrong claim that contradicts it, or stuffing."""
    if flag is not None:
        return f"contradicted by a wrong claim: {flag.match.text!r} ({flag.text})"
    return stuffing


def _point_result(
    number: int,
    point: Point,
    mentions: list[_Mention],
    structure: Structure,
    overrule: str | None,
    star: AspectVerdict | None,
    lists: Sequence[BareList],
) -> PointResult:
    ordered = sorted(mentions, key=lambda m: m.found.match.start)
    claims = [m for m in ordered if m.judgement.verdict == "claim"]
    weak = [m for m in ordered if m.judgement.verdict == "weak"]
    withheld = overrule or (star.reason if star is not None and not star.allows else None)
    if withheld:
        rejected = tuple(
            Rejection(m.found.match, withheld if m in claims else m.judgement.reason or withheld) for m in ordered
        )
        return PointResult(number, point.text, point.weight, (), rejected, "missed", None, withheld)
    accepted = tuple(m.found.match for m in claims)
    rejected = tuple(Rejection(m.found.match, m.judgement.reason or "") for m in ordered if m not in claims)
    status: PointStatus = "missed"
    evidence: Evidence | None = None
    reason: str | None = rejected[0].reason if rejected else None
    if star is not None and star.decides and star.evidence is not None and not _in_lists(star.evidence, lists):
        status = "covered"
        span = star.evidence
        evidence = (
            _span_evidence(structure.text, span)
            if span
            else (_evidence(structure, claims[0].found.first_token) if claims else None)
        )
        reason = None
    elif claims:
        status, evidence, reason = "covered", _evidence(structure, claims[0].found.first_token), None
    elif weak:
        status, evidence = "possible", _evidence(structure, weak[0].found.first_token)
        reason = weak[0].judgement.reason
    elif star is not None and star.evidence is not None:
        status, evidence, reason = "possible", _span_evidence(structure.text, star.evidence), star.reason
    return PointResult(number, point.text, point.weight, accepted, rejected, status, evidence, reason)


def grade_texts(question: Question, texts: Sequence[str], asked: Sequence[str | None] | None = None) -> list[Grade]:
    """Grade each non-empty text typed for ``question``; an empty text gets an empty grade.

    ``asked``, when given, holds for each text what the candidate was answering (None for the prompt itself):
    a step's reveal or a follow-up question, whose words are no evidence (see :func:`grade_answer`).
    """
    shown = list(asked or [])
    return [
        grade_answer(question, text, asked=shown[n] if n < len(shown) else None)
        if text.strip()
        else Grade(question.id, ())
        for n, text in enumerate(texts)
    ]


def _evidence_json(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {"start": evidence.start, "end": evidence.end, "text": evidence.text}


def grade_json(question: Question, grade: Grade) -> dict[str, Any]:
    """A JSON-ready summary: question id, coverage from 0 to 1, each point in pack order with its status,
    evidence and reason, the answer-level notes and the red flags found."""
    return {
        "question": question.id,
        "coverage": round(grade.score, 4),
        "points": [
            {
                "text": point.text,
                "covered": point.covered,
                "matched": list(point.matched_keywords),
                "status": point.status,
                "evidence": _evidence_json(point.evidence),
                "reason": point.reason,
            }
            for point in grade.points
        ],
        "notes": list(grade.notes),
        "red_flags": [
            {
                "text": flag.text,
                "why": flag.why,
                "contradicts": flag.contradicts,
                "matched": flag.match.keyword,
                "evidence": _evidence_json(flag.evidence),
            }
            for flag in grade.red_flags
        ],
    }


def clear_caches() -> None:
    """Forget compiled keywords, cached stems and the English word list, for benchmarks measuring a cold start."""
    for cached in (
        _keywords_negated_in_points,
        compile_points,
        compile_keyword,
        stem_word,
        normalise_word,
        cached_keyword_tokens,
        echo_stems,
        _point_stems,
        _is_asking_point,
        _is_generic,
        _all_common,
        point_aspect,
    ):
        cached.cache_clear()
    english.clear_cache()


__all__ = ["clear_caches", "grade_answer", "grade_json", "grade_texts"]
