"""Is a mention a claim? Sentences, clauses and the scope of negation, hedges, contrast and dismissal.

A keyword found in an answer earns credit only inside a clause that asserts something. This module splits an
answer into sentences (after ``. ! ?``, at blank lines and bullets) and each sentence into clauses, then
judges one mention at a time (:func:`judge_mention`) with these rules, all built from the cue lexicons in
:mod:`~tui_interview.domain.grading.cues`:

* **Clauses.** A new clause starts at ``;``, ``:`` or a dash; at a clause opener ("but", "because", "which",
  "although", "if", "then", ...); at "and"/"or" followed by a subject, a modal or "then" ("... and I would");
  after a comma followed by a subject ("..., I'd"); and where a fronted subordinate clause ends ("if it fails,
  roll back", "if it doesn't fit I'd shard"). Commas inside a list do not end a clause.
* **Negation scope follows the clause.** "not", "never", "cannot" negate everything after them in their clause
  ("I would not use a canary or a shadow"); "no", "without", "nor", "skip", "avoid", "instead of", "rather than"
  negate the phrase they introduce, up to an "and", "then" or "so". Two negations covering a mention cancel
  ("never ship without a canary"), unless the second follows "and" or a comma, where it starts afresh ("I
  wouldn't use flags, and no need for a canary"); a comma ends a negated list unless an "or" follows the last
  comma ("not flags or a shadow, a canary is what I'd do"). "not only", "not sure", "no doubt", "to avoid" do
  not negate, and neither does a negated negative ("not optional", "can't go wrong", "won't hurt", "isn't
  overkill", "skipping X would be reckless"). A negation inside a condition ("if we don't have a canary, ...")
  only makes the mention *possible*. A keyword ending in its own verb is negated by "not" right after it
  ("I'm not").
* **Dismissal.** Right after the mention, in its clause: "X isn't needed", "X is overkill", "seeds don't
  matter", "X and Y are mostly hype", "X is a step we don't need" (but "X is the cause, not Y" corrects Y);
  or in the next clause past any subordinate ones ("X before the rollout, but ...") when that clause only
  refers back ("X, which is overkill", "X, but not here", "but I don't think it's worth it"), possibly after
  a short qualifier ("but for a small team that's noise", "In my experience it's overkill"); not when "it"
  stands for what follows ("it doesn't matter if ..."). A mention inside a long subject is dismissed by the
  clause's dismissive predicate however far it is ("the worry about X, Y and Z is overblown", "Building X and Y
  would just slow teams down"), but not when the clause has a subject of its own before it ("we log X and the
  cost is negligible"). A clause after a colon spells out the one before it and shares its dismissal and
  attribution ("Everyone reaches for X: ...").
* **Contrast.** A mention that is not the candidate's own commitment (a description, "people use X", "you could
  use X", "normally X") is contrasted away by a following clause that contrasts and replaces it ("..., but I'd
  just use Y", "However, a cron job is enough"), in the same sentence or opening the next one. "I'd use X, but
  only for an hour" restricts X and keeps it. A trailing "instead" ("..., so I'd watch X instead") belongs to
  its clause: it replaces what came before, not the clause's own mentions.
* **Hedges.** Hedge cues add up per clause ("maybe" 1, "I guess" 2, "not sure" 2, spreading over the sentence
  it is in); at 2 or more the mention is only *possible*. So is a practice attributed to others ("most teams
  use X", "I know the platform people like to use X") and a mention inside a question the candidate asks
  ("would a canary catch it?").
* **Questions.** A sentence is a question when it ends with "?" or opens like one ("What does success look
  like ..."); an ask cue ("I'd ask", "I'd want to know") makes the rest of its sentence a question.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Final, Literal

from tui_interview.domain.grading import cues
from tui_interview.domain.grading.text import Token, is_negator

Verdict = Literal["claim", "weak", "rejected"]

_CLAUSE_PUNCT_RE: Final = re.compile(r"[;:]|\s[-\u2013\u2014]+\s|[\u2013\u2014]")
_SENTENCE_BREAK_RE: Final = re.compile(
    r"[.!?]+[\"'\u2019\u201d)\]]*(?:\s|$)|\n[ \t]*\n|\n[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]"
)
_SENTENCE_CHARS: Final = frozenset(".!?\n")
_CLAUSE_CHARS: Final = frozenset(";:-\u2013\u2014")
_ABBREVIATIONS: Final = frozenset({"e", "g", "i", "eg", "ie", "vs", "approx", "incl", "cf", "esp", "al", "mr", "dr"})
_AND_OR: Final = frozenset({"and", "or"})
_AND_CLAUSE_NEXT: Final = frozenset(
    {"would", "will", "should", "could", "can", "might", "must", "then", "also", "instead", "rather", "so", "just"}
)
_WH_WORDS: Final = frozenset({"what", "how", "who", "which", "where", "when", "why", "whom", "whose"})
_AUXILIARIES: Final = frozenset(
    {
        "is", "are", "was", "were", "do", "does", "did", "can", "could", "would", "will", "should", "has", "have",
        "'s", "many", "much", "big", "long", "often", "soon", "large", "far",
    }
)  # fmt: skip
_PURPOSE_NEGATORS: Final = frozenset({"avoid", "avoids", "avoided", "avoiding", "skip", "skips", "skipped", "skipping"})
_STRICT_NEGATORS: Final = frozenset({"prevent", "prevents", "prevented", "preventing", "stop", "stops", "against"})
_HEDGE_FIRSTS: Final = cues.HEDGES.first_words()
_COMMITTING_YOU_NEXT: Final = frozenset({"should", "must", "need", "have", "want", "'d"})
_DISMISSAL_WINDOW: Final = 6
_COORDINATED_SUBJECT: Final = 3
_COMPLEMENT_OPENERS: Final = frozenset({"if", "whether", "when", "that", "how", "what", "to"})
_BARE_CONTRAST_WORDS: Final = 2


@dataclass(frozen=True, slots=True)
class Clause:
    sentence: int
    first: int
    last: int
    """Token indexes, inclusive."""
    openers: frozenset[str]
    """The clause's first two words when they are clause openers ("but", "and then", "because if")."""
    hedge: int
    attributed: bool
    committed: bool
    """The candidate's own, unhedged commitment: a first-person subject ("I'd", "we will"), or "you should"."""
    conditional: bool
    contrast: bool
    replacing: bool
    """It proposes something instead: "I'd just ...", "instead", "is enough", "I'd rather"."""
    refers_back_dismissal: int | None
    """Token index ending a dismissal that refers to the previous clause ("which is overkill", "but not here")."""
    predicate_dismissal: int | None = None
    """Token index ending a dismissal of the clause's own subject ("X and Y are mostly hype")."""
    spells_out: bool = False
    """It follows a colon and spells out the clause before it ("X is hype: you write a contract, ...")."""


@dataclass(frozen=True, slots=True)
class Sentence:
    first: int
    last: int
    start: int
    end: int
    """Character span, from the first word to the closing punctuation."""
    clauses: tuple[int, ...]
    question: bool
    ask_from: int | None
    """Token index of an ask cue ("I'd ask", "I want to know"): the sentence asks from there on."""


@dataclass(frozen=True, slots=True)
class Structure:
    text: str
    tokens: list[Token]
    words: list[str]
    clause_of: list[int]
    clauses: list[Clause]
    sentences: list[Sentence]

    def sentence_of(self, token: int) -> Sentence:
        return self.sentences[self.clauses[self.clause_of[token]].sentence]

    def clause_span(self, clause: Clause) -> tuple[int, int]:
        return self.tokens[clause.first].start, self.tokens[clause.last].end

    def asks_at(self, token: int) -> bool:
        """True when the word at ``token`` is part of a question: a "?" sentence or after an ask cue."""
        sentence = self.sentence_of(token)
        return sentence.question or (sentence.ask_from is not None and token >= sentence.ask_from)


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    reason: str | None
    """Why the mention is weak or rejected, quoting the words that decided it."""
    listed: bool = False
    """Rejected for standing in a list of terms: named, not negated or dismissed."""


CLAIM: Final = Judgement("claim", None)


@dataclass(frozen=True, slots=True)
class _Hits:
    """Every cue found in the answer once (first, last, weight), so each clause only filters them."""

    hedges: list[tuple[int, int, int]]
    attribution: list[tuple[int, int, int]]
    replacement: list[tuple[int, int, int]]
    dismissive: list[tuple[int, int, int]]
    refusals: list[tuple[int, int, int]]
    asks: list[tuple[int, int, int]]
    neg_raisers: list[tuple[int, int, int]]

    @classmethod
    def of(cls, words: list[str]) -> _Hits:
        n = len(words)
        return cls(
            *(
                index.find(words, 0, n)
                for index in (
                    cues.HEDGES,
                    cues.ATTRIBUTION_PHRASES,
                    cues.REPLACEMENT,
                    cues.DISMISSIVE_PHRASES,
                    cues.REFUSALS,
                    cues.ASK_CUES,
                    cues.NEG_RAISERS,
                )
            )
        )


def _within(hits: list[tuple[int, int, int]], first: int, last: int) -> list[tuple[int, int, int]]:
    """The cues of ``hits`` (sorted by position) lying wholly inside tokens ``first..last``."""
    start = bisect.bisect_left(hits, (first, -1, -1))
    found = []
    for hit in hits[start:]:
        if hit[0] > last:
            break
        if hit[1] <= last:
            found.append(hit)
    return found


def analyse(text: str, tokens: list[Token]) -> Structure:
    """Split ``text`` (already tokenised as ``tokens``) into sentences and clauses and read their cues."""
    words = [token.word for token in tokens]
    sentence_starts, clause_starts = _boundaries(text, tokens, words)
    clause_of = [0] * len(tokens)
    sentence_of_clause: list[int] = []
    sentence_index = -1
    sentence_set = set(sentence_starts)
    for number, first in enumerate(clause_starts):
        if first in sentence_set:
            sentence_index += 1
        sentence_of_clause.append(sentence_index)
        last = clause_starts[number + 1] - 1 if number + 1 < len(clause_starts) else len(tokens) - 1
        for i in range(first, last + 1):
            clause_of[i] = number
    raw = [
        (first, clause_starts[n + 1] - 1 if n + 1 < len(clause_starts) else len(tokens) - 1)
        for n, first in enumerate(clause_starts)
    ]
    hits = _Hits.of(words)
    hedges = [_hedge_weights(words, first, last, hits) for first, last in raw]
    _spread_strong_hedges(raw, sentence_of_clause, hedges, words, hits)
    clauses = [
        _clause(words, sentence_of_clause[n], first, last, hedges[n][0] + hedges[n][1] + hedges[n][2], hits)
        for n, (first, last) in enumerate(raw)
    ]
    _inherit_across_colons(text, tokens, clauses)
    sentences = _sentences(text, tokens, words, sentence_starts, clauses, hits)
    return Structure(text, tokens, words, clause_of, clauses, sentences)


def _inherit_across_colons(text: str, tokens: list[Token], clauses: list[Clause]) -> None:
    """A clause after a colon spells out the one before it ("Everyone reaches for DVC: pointer files, remotes,
    ..."), so it is attributed to others, and not the candidate's commitment, when that one is; it is dismissed
    with it too (see :func:`judge_mention`)."""
    for n in range(1, len(clauses)):
        clause, head = clauses[n], clauses[n - 1]
        if head.sentence != clause.sentence or ":" not in text[tokens[head.last].end : tokens[clause.first].start]:
            continue
        clauses[n] = dataclasses.replace(
            clause,
            spells_out=True,
            attributed=clause.attributed or head.attributed,
            committed=clause.committed and not head.attributed,
        )


def _boundaries(text: str, tokens: list[Token], words: list[str]) -> tuple[list[int], list[int]]:
    if not tokens:
        return [], []
    sentence_starts = [0]
    clause_starts = [0]
    subordinate = words[0] in cues.SUBORDINATORS or words[0] in cues.PREMISE_OPENERS
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1].end : tokens[i].start]
        word = words[i]
        if (
            gap != " "
            and _SENTENCE_CHARS & set(gap)
            and any(character.isspace() for character in gap)  # "hydra.job.chdir" is one name, not three sentences
            and _SENTENCE_BREAK_RE.search(gap)
            and not _abbreviation(words[i - 1], gap)
        ):
            sentence_starts.append(i)
            clause_starts.append(i)
            subordinate = word in cues.SUBORDINATORS or word in cues.PREMISE_OPENERS
            continue
        if clause_starts[-1] == i - 1 and (words[i - 1] in cues.CLAUSE_OPENERS or words[i - 1] in _AND_OR):
            subordinate = subordinate or word in cues.SUBORDINATORS  # "and if", "but when": one opener pair
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "instead" and (not following or _ends_clause(text, tokens, i)):
            continue  # "... do Y instead.": the replacement is this clause's own, it opens nothing
        comma = "," in gap
        if (
            (gap != " " and _CLAUSE_CHARS & set(gap) and _CLAUSE_PUNCT_RE.search(gap))
            or (word in cues.CLAUSE_OPENERS and not _opener_exception(word, following, words[i - 1]))
            or (word in _AND_OR and (following in cues.SUBJECTS or following in _AND_CLAUSE_NEXT))
            or (comma and (word in cues.SUBJECTS or subordinate))
            or (subordinate and _subject_with_verb(word, following))
        ):
            clause_starts.append(i)
            subordinate = word in cues.SUBORDINATORS
    return sentence_starts, clause_starts


def _ends_clause(text: str, tokens: list[Token], i: int) -> bool:
    """Punctuation that ends a clause right after token ``i`` ("... the cost per token instead.")."""
    gap = text[tokens[i].end : tokens[i + 1].start]
    return any(character.isspace() for character in gap) and bool(set(gap) & (_CLAUSE_CHARS | _SENTENCE_CHARS | {","}))


def _abbreviation(previous: str, gap: str) -> bool:
    return gap.startswith(".") and previous in _ABBREVIATIONS


def _opener_exception(word: str, following: str, previous: str) -> bool:
    """Openers that are not opening a clause here: "instead of", "rather than", "so that"'s "that", "since then"."""
    if word in {"instead", "rather"} and (previous in cues.SUBJECTS or previous in {"would", "'d", "should", "had"}):
        return True  # "I'd rather ...", "we would instead ...": part of this clause
    if word == "instead" and following == "of":
        return True
    if word == "rather" and following == "than":
        return True
    if word in {"before", "after", "until", "since"} and following in {"then", "that", "now"}:
        return True
    return word == "so" and previous in {"and", "or", "not", "even", "just", "do"}


def _subject_with_verb(word: str, following: str) -> bool:
    """A subject starting the main clause after an unpunctuated subordinate one ("if it fails I'd ...")."""
    if "'" in word and word in cues.SUBJECTS and word not in {"it's", "that's", "there's", "what's", "here's"}:
        return True
    return word in {"i", "we", "you"} and following in cues.MODALS


def _hedge_weights(words: list[str], first: int, last: int, hits: _Hits) -> tuple[int, int, int]:
    """(weak, strong, attribution) hedge weights of the clause ``words[first..last]``."""
    weak = strong = 0
    for _, _, weight in _within(hits.hedges, first, last):
        if weight >= cues.STRONG_HEDGE:
            strong += weight
        else:
            weak += weight
    attribution = 0
    if _within(hits.attribution, first, last) or _attributed_subject(words, first, last):
        attribution = cues.STRONG_HEDGE
    return weak, strong, attribution


def _attributed_subject(words: list[str], first: int, last: int) -> bool:
    """The clause opens with others as its subject: "People often ...", "Most teams would ..."."""
    i = first
    while i <= last and (words[i] in cues.CLAUSE_OPENERS or words[i] in _AND_OR):
        i += 1
    frames = cues.EPISTEMIC_FRAMES.find(words, i, min(last + 1, i + 2))
    if frames and frames[0][0] == i:  # "I believe everyone makes mistakes", "I know people like to ..."
        i = frames[0][1] + 1
        if i <= last and words[i] == "that":
            i += 1
    if i <= last and words[i] == "the":  # "the inference people like to ...": up to two modifiers
        for j in range(i + 1, min(last, i + 3) + 1):
            if words[j] in cues.ATTRIBUTION_NOUNS:
                return j < last and words[j + 1] not in cues.COPULAS
    if i > last or words[i] not in cues.ATTRIBUTION_SUBJECTS:
        return False
    if words[i] in {"some", "many", "most"}:
        return i + 1 <= last and words[i + 1] in cues.ATTRIBUTION_SUBJECTS
    return True


def _spread_strong_hedges(
    raw: list[tuple[int, int]],
    sentence_of: list[int],
    hedges: list[tuple[int, int, int]],
    words: list[str],
    hits: _Hits,
) -> None:
    """A strong hedge ("not sure", "I guess") hedges the clauses before it in its sentence and the comma-joined
    ones after it; a sentence that is nothing but a hedge ("Not sure.") hedges the sentence before."""
    for n, (_, strong, _) in enumerate(hedges):
        if not strong:
            continue
        m = n - 1
        while m >= 0 and sentence_of[m] == sentence_of[n]:
            hedges[m] = (hedges[m][0], max(hedges[m][1], strong), hedges[m][2])
            m -= 1
        m = n + 1
        while m < len(raw) and sentence_of[m] == sentence_of[n]:
            if words[raw[m][0]] in cues.CLAUSE_OPENERS:  # "not sure, but I'd ...": the doubt lingers, weaker
                hedges[m] = (hedges[m][0] + cues.WEAK_HEDGE, hedges[m][1], hedges[m][2])
            else:
                hedges[m] = (hedges[m][0], max(hedges[m][1], strong), hedges[m][2])
            m += 1
        if _only_hedge(words, raw, sentence_of, n, hits) and n > 0 and m - 1 >= n:
            previous_sentence = sentence_of[n] - 1
            for k in range(n - 1, -1, -1):
                if sentence_of[k] < previous_sentence:
                    break
                if sentence_of[k] == previous_sentence:
                    hedges[k] = (hedges[k][0], max(hedges[k][1], strong), hedges[k][2])


def _only_hedge(words: list[str], raw: list[tuple[int, int]], sentence_of: list[int], n: int, hits: _Hits) -> bool:
    """True when clause ``n``'s whole sentence holds only hedge cues and empty words ("Not sure though.")."""
    clause_numbers = [m for m in range(len(raw)) if sentence_of[m] == sentence_of[n]]
    first, last = raw[clause_numbers[0]][0], raw[clause_numbers[-1]][1]
    covered: set[int] = set()
    for start, end, _ in _within(hits.hedges, first, last):
        covered.update(range(start, end + 1))
    return all(
        i in covered
        or words[i] in cues.EMPTY_WORDS
        or words[i] in cues.SUBJECTS
        or words[i] in cues.MODALS
        or words[i] in cues.CLAUSE_OPENERS
        for i in range(first, last + 1)
    )


def _clause(words: list[str], sentence: int, first: int, last: int, hedge: int, hits: _Hits) -> Clause:
    openers = frozenset(
        word
        for word in words[first : min(first + 2, last + 1)]
        if word in cues.CLAUSE_OPENERS or word in _AND_OR or word in cues.CONDITIONALS
    )
    attributed = _attributed_subject(words, first, last) or bool(_within(hits.attribution, first, last))
    conditional = bool(openers & cues.CONDITIONALS) or words[first] in cues.PREMISE_OPENERS
    span = words[first : last + 1]
    non_committal = any(word in cues.NON_COMMITTAL for word in span)
    first_person = any(word in cues.FIRST_PERSON and word not in {"my", "our"} for word in span) or any(
        word == "you" and following in _COMMITTING_YOU_NEXT for word, following in itertools.pairwise(span)
    )
    committed = (first_person or _imperative(words, first, last)) and not (
        hedge or attributed or non_committal or conditional
    )
    contrast = bool(openers & cues.CONTRAST_OPENERS) or any(
        word in cues.CONTRAST_ANYWHERE and not _pair_negator(words, i) for i, word in enumerate(span, start=first)
    )
    return Clause(
        sentence=sentence,
        first=first,
        last=last,
        openers=openers,
        hedge=hedge,
        attributed=attributed,
        committed=committed,
        conditional=conditional,
        contrast=contrast,
        replacing=_replacing(words, first, last, hits),
        refers_back_dismissal=_refers_back_dismissal(words, first, last, openers, hits),
        predicate_dismissal=_predicate_dismissal(words, first, last, hits),
    )


def _predicate_dismissal(words: list[str], first: int, last: int, hits: _Hits) -> int | None:
    """The end of a dismissive predicate ("are mostly hype", "is overkill") whose copula comes at most three
    words before it: what the clause says of its subject."""
    dismissive = (*_within(hits.dismissive, first, last), *_dismissive_words(words, first, last))
    for start, end, _ in sorted(dismissive):
        if any(words[j] in cues.COPULAS for j in range(max(first, start - 3), start)):
            return end
    return None


def _imperative(words: list[str], first: int, last: int) -> bool:
    """The clause gives an instruction: after its openers and adverbs it starts with a common action verb."""
    i = first
    while i <= last and (words[i] in cues.CLAUSE_OPENERS or words[i] in _AND_OR or words[i] in cues.LEAD_ADVERBS):
        i += 1
    return i <= last and words[i] in cues.IMPERATIVE_VERBS


def _pair_negator(words: list[str], i: int) -> bool:
    return i + 1 < len(words) and (words[i], words[i + 1]) in cues.NEGATOR_PAIRS


def _replacing(words: list[str], first: int, last: int, hits: _Hits) -> bool:
    for start, _, _ in _within(hits.replacement, first, last):
        if not _pair_negator(words, start):
            return True
    for i in range(first, last + 1):
        following = words[i + 1] if i < last else ""
        # "I'd just use Y" replaces; "just for an hour" and "just rolling back is not enough" restrict
        if (
            words[i] in cues.JUST_WORDS
            and following
            and following not in cues.RESTRICTIVE_AFTER
            and not following.endswith("ing")
        ):
            return True
    return False


def _refers_back_dismissal(words: list[str], first: int, last: int, openers: frozenset[str], hits: _Hits) -> int | None:
    """The end of a dismissal in a clause that only refers back: "which is overkill", "but not here", "but I
    wouldn't", "though it's not worth it". None when the clause has its own subject matter before the cue."""
    continuing = bool(openers & cues.CONTINUATION_OPENERS)
    dismissive = (*_within(hits.dismissive, first, last), *_dismissive_words(words, first, last))
    refusals = tuple(_within(hits.refusals, first, last))
    for start, end, _ in sorted((*dismissive, *refusals, *_denied_judgements(words, first, last, hits))):
        # words after a dismissal qualify it ("overkill for an internal tool"); after a refusal they are its
        # own object ("but I wouldn't restart the pods"), so a refusal must end the clause
        trailing_ok = (start, end, 1) not in refusals or _only_referring(words, end + 1, last + 1)
        lead = _after_qualifier(words, first, start)
        if not (_only_referring(words, lead, start) and trailing_ok):
            continue
        if end + 1 < len(words) and words[end + 1] in _COMPLEMENT_OPENERS and end + 1 != last:
            # "it doesn't matter if it finishes later": "it" stands for what follows ("we don't need that" ends)
            continue
        before = words[lead:start]
        if continuing or not before or any(word in cues.ANAPHORS for word in before):
            return end
    return None


def _denied_judgements(words: list[str], first: int, last: int, hits: _Hits) -> list[tuple[int, int, int]]:
    """A negated belief and the positive judgement it denies, as one dismissal: "I don't think it's worth it",
    "not convinced that's needed". Only referring words may come between the two."""
    found = []
    for start, end, _ in _within(hits.neg_raisers, first, last):
        for j in range(end + 1, last + 1):
            if words[j] in cues.EVALUATIVE_WORDS:
                found.append((start, j, 1))
                break
            if not (words[j] in cues.ANAPHORS or words[j] in cues.COPULAS or words[j] in cues.MODALS):
                break
    return found


_QUALIFIER_MAX_WORDS: Final = 6


def _after_qualifier(words: list[str], first: int, start: int) -> int:
    """Where the referring part of a clause begins, past a short qualifier opening it ("but for a product
    manager that's noise", "In my experience it's overkill"): the first anaphor after a preposition. ``first``
    when the clause has no such qualifier."""
    i = first
    while i < start and (words[i] in cues.CLAUSE_OPENERS or words[i] in _AND_OR):
        i += 1
    if i >= start or words[i] not in cues.QUALIFIER_PREPOSITIONS:
        return first
    for j in range(i + 1, min(start, i + 1 + _QUALIFIER_MAX_WORDS)):
        if words[j] in cues.ANAPHORS or words[j] in cues.SUBJECTS:
            return j
    return first


def _dismissive_words(words: list[str], first: int, last: int) -> list[tuple[int, int, int]]:
    return [(i, i, 1) for i in range(first, last + 1) if words[i] in cues.DISMISSIVE_WORDS]


def _only_referring(words: list[str], start: int, end: int) -> bool:
    """True when ``words[start:end]`` holds only openers, pronouns, copulas and other words that refer back."""
    return all(
        word in cues.REFERRING_WORDS
        or word in cues.CLAUSE_OPENERS
        or word in _AND_OR
        or word in cues.COPULAS
        or word in cues.SUBJECTS
        or word in cues.MODALS
        or word in cues.EMPTY_WORDS
        for word in words[start:end]
    )


def _sentences(
    text: str, tokens: list[Token], words: list[str], starts: list[int], clauses: list[Clause], hits: _Hits
) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, first in enumerate(starts):
        last = starts[number + 1] - 1 if number + 1 < len(starts) else len(tokens) - 1
        next_start = tokens[last + 1].start if last + 1 < len(tokens) else len(text)
        tail = text[tokens[last].end : next_start]
        closing = re.match(r"[.!?\"'\u2019\u201d)\]]*", tail)
        end = tokens[last].end + (closing.end() if closing else 0)
        question = "?" in tail.split("\n", 1)[0] or _opens_like_a_question(words, first, last)
        asks = _within(hits.asks, first, last)
        ask = asks[0] if asks else None
        sentences.append(
            Sentence(
                first=first,
                last=last,
                start=tokens[first].start,
                end=end,
                clauses=tuple(n for n, clause in enumerate(clauses) if clause.sentence == number),
                question=question,
                ask_from=ask[0] if ask else None,
            )
        )
    return sentences


def _opens_like_a_question(words: list[str], first: int, last: int) -> bool:
    if last <= first:
        return False
    opening, second = words[first], words[first + 1]
    if opening in _WH_WORDS:
        return second in _AUXILIARIES
    return opening in cues.QUESTION_STARTS and opening not in _WH_WORDS and second in cues.SUBJECTS


# Judging one mention ------------------------------------------------------------------------------------


def judge_mention(
    structure: Structure,
    first: int,
    last: int,
    keyword_stems: frozenset[str],
    *,
    strict: bool = False,
    allow_negated: bool = False,
) -> Judgement:
    """Whether the mention spanning tokens ``first..last`` is a claim, a weak signal or rejected, and why.

    ``strict`` is for red flags, which must be asserted outright: any hedge, condition, question or "to avoid"
    before them means they were not claimed. ``allow_negated`` skips the negation and dismissal checks, for a
    keyword the point's own text negates ("instead of a random split").
    """
    clause_number = structure.clause_of[first]
    clause = structure.clauses[clause_number]
    quote = structure.text
    tokens = structure.tokens
    inside = _negation_inside(structure, first, last, keyword_stems)
    negation = inside if inside is not None else _negation_before(structure, first, strict)
    if negation is not None and _rejection_rejected(structure, negation, first, last, clause):
        negation = None  # "Skipping the canary is a mistake": a double negative
    if negation is not None and not allow_negated:
        if clause.conditional and not strict:
            return Judgement("weak", f"only in a condition: {quote[tokens[clause.first].start : tokens[last].end]!r}")
        start = min(negation, first)
        return Judgement("rejected", f"negated: {quote[tokens[start].start : tokens[last].end]!r}")
    if clause.attributed and not strict and _rebutted(structure, clause_number):
        return CLAIM  # "People say a canary is overkill, but I'd still run one"
    dismissal = None if allow_negated else _dismissal_after(structure, last, clause, strict)
    subject = _in_subject(structure, first, last, clause)
    if dismissal is None and not allow_negated and subject is not None:
        predicate = _dismissal_after(structure, subject - 1, clause, strict)
        # a long subject's negated predicate may state the very limit a point asks for ("multi-node training
        # with fast networking is mostly not supported"): only a dismissive one reaches back to it
        dismissal = predicate if predicate is not None and not predicate[1] else None
    if dismissal is None and not allow_negated:
        dismissal = _dismissed_head(structure, clause_number)
    if dismissal is not None:
        end, negated = dismissal
        label = "negated" if negated else "dismissed"
        start = first if end > first else structure.clauses[structure.clause_of[end]].first
        return Judgement("rejected", f"{label}: {quote[tokens[start].start : tokens[max(end, last)].end]!r}")
    following = _contrast_after(structure, clause_number)
    if following is not None:
        end_clause, label = following
        later = structure.clauses[end_clause]
        span = quote[tokens[later.first].start : tokens[later.last].end]
        return Judgement("rejected", f"{label}: {span!r}")
    if strict and (clause.hedge or clause.conditional or clause.attributed or structure.asks_at(first)):
        return Judgement("weak", "not asserted")
    if clause.attributed:
        return Judgement("weak", f"attributed to others: {_clause_quote(structure, clause)!r}")
    if clause.hedge >= cues.HEDGED_AT:
        return Judgement("weak", f"hedged: {_clause_quote(structure, clause)!r}")
    return CLAIM


_SUBJECT_VERBS: Final = frozenset({"would", "will", "could", "might", "can", "does", "do", "did", "has", "have"})
_SUBJECT_MAX_WORDS: Final = 12


def _in_subject(structure: Structure, first: int, last: int, clause: Clause) -> int | None:
    """When the mention is part of its clause's subject ("the worry about X, Y and Z is overblown", "Building
    X and Y would slow teams down"), the index of the predicate's verb; None when the clause has a subject of
    its own before the mention ("we log X and ...") or no verb follows within reach."""
    words = structure.words
    i = clause.first
    while i < first and (words[i] in cues.CLAUSE_OPENERS or words[i] in _AND_OR or _marker_word(structure, i)):
        i += 1
    frames = cues.EPISTEMIC_FRAMES.find(words, i, min(first, i + 2))
    if frames and frames[0][0] == i:  # "I think the worry about X is overblown"
        i = frames[0][1] + 1
        if i < first and words[i] == "that":
            i += 1
    if any(words[j] in cues.SUBJECTS or words[j] in cues.MODALS or words[j] in cues.COPULAS for j in range(i, first)):
        return None
    for j in range(last + 1, min(clause.last, last + _SUBJECT_MAX_WORDS) + 1):
        if words[j] in cues.SUBJECTS:
            return None
        if words[j] in cues.COPULAS or words[j] in _SUBJECT_VERBS or words[j].endswith("n't"):
            return j
    return None


def _rejection_rejected(structure: Structure, negation: int, first: int, last: int, clause: Clause) -> bool:
    """A phrase negation in the subject ("Skipping X", "Going without X") whose predicate calls it wrong ("is a
    mistake", "would be reckless"): the candidate affirms X."""
    words = structure.words
    if words[negation] not in cues.NP_NEGATORS:
        return False
    verb = _in_subject(structure, first, last, clause)
    if verb is None or words[verb].endswith("n't"):
        return False
    return any(
        words[j] in cues.NEGATIVE_JUDGEMENTS or words[j] in cues.RISKY_WORDS
        for j in range(verb + 1, min(clause.last, verb + 3) + 1)
    )


def _marker_word(structure: Structure, i: int) -> bool:
    """A discourse marker set off by a comma at the start of a clause ("Honestly, X is ...")."""
    return i + 1 < len(structure.tokens) and _comma_before(structure, i + 1) and structure.words[i] in cues.EMPTY_WORDS


def denied_predicate(structure: Structure, first: int, last: int) -> int | None:
    """The negator of a negated predicate whose subject holds the mention at ``first..last`` ("Fail closed
    doesn't block legitimate users", "Streaming from Kafka has no consumer lag"), or None. Whether that denies
    the point depends on what the predicate says (see :mod:`~tui_interview.domain.grading.grade`). A double
    negative ("X is not optional", "you can't go wrong with X") affirms."""
    clause = structure.clauses[structure.clause_of[first]]
    verb = _in_subject(structure, first, last, clause)
    if verb is None:
        return None
    words = structure.words
    for j in range(verb, min(clause.last, verb + 2) + 1):
        if (is_negator(words[j]) or words[j] in cues.VERBAL_NEGATORS) and _negator_width(structure, j):
            if _litotes(words, j):
                return None
            return j
    return None


def _litotes(words: list[str], negator: int) -> bool:
    """ "not optional", "no longer optional", "can't go wrong", "won't hurt": a negated negative, an
    affirmation."""
    j = negator + 1
    while j < len(words) and words[j] in cues.LITOTES_SKIPPED:
        j += 1
    return j < len(words) and words[j] in cues.NEGATIVE_JUDGEMENTS


def _clause_quote(structure: Structure, clause: Clause) -> str:
    start, end = structure.clause_span(clause)
    return structure.text[start:end]


def _negation_inside(structure: Structure, first: int, last: int, keyword_stems: frozenset[str]) -> int | None:
    """A negation between the words of a phrase match that the keyword itself lacks ("roll it not back"). One
    right before a word of the keyword negates it even where it would not elsewhere: "not enough" limits a
    mention, but "X is not enough" denies the keyword "X is enough"."""
    tokens = structure.tokens
    for i in range(first + 1, last):
        if not is_negator(tokens[i].word) or tokens[i].stem in keyword_stems:
            continue
        if _negator_width(structure, i) or tokens[i + 1].stem in keyword_stems:
            return i
    return None


def _negator_width(structure: Structure, i: int, strict: bool = False) -> int:
    """How many words the negator starting at ``i`` spans (0 when the word at ``i`` does not negate here)."""
    words = structure.words
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    previous = words[i - 1] if i > 0 else ""
    if (word, following) in cues.NEGATOR_PAIRS:
        return 2
    if word == "no" and (
        following == "" or (structure.tokens[i].end < len(structure.text) and _punctuated(structure, i))
    ):
        return 0  # "No, I'd roll back": an interjection
    if i + 1 < len(structure.tokens) and structure.text[structure.tokens[i].end : structure.tokens[i + 1].start] == "-":
        return 0  # "no-transform", "non-blocking": part of a compound word
    if word in cues.VERBAL_NEGATORS or word in cues.NP_NEGATORS or word.endswith("n't"):
        if following in cues.NOT_NEGATING_NEXT or _litotes(words, i):
            return 0
        if previous == "or" and word == "not":
            return 0  # "whether or not"
        if word in _PURPOSE_NEGATORS and previous in cues.NOT_NEGATING_BEFORE and not strict:
            return 0
        return 1
    if strict and word in _STRICT_NEGATORS:
        return 1
    return 0


def _punctuated(structure: Structure, i: int) -> bool:
    tokens = structure.tokens
    end = tokens[i + 1].start if i + 1 < len(tokens) else len(structure.text)
    return any(char in ",.!?;:" for char in structure.text[tokens[i].end : end])


def _is_phrase_negator(word: str) -> bool:
    return word in cues.NP_NEGATORS or word in _STRICT_NEGATORS or word in {"instead", "rather", "in", "as"}


def _negation_before(structure: Structure, first: int, strict: bool) -> int | None:
    """The negation governing the word at ``first``, if an odd number of negations in its clause cover it."""
    clause = structure.clauses[structure.clause_of[first]]
    words = structure.words
    active: list[int] = []
    i = clause.first
    while i < first:
        width = _negator_width(structure, i, strict)
        if not width:
            i += 1
            continue
        if active and _coordinated(structure, i):
            active = []  # "I wouldn't X, and no need for Y": a new negation, not a double one
        if _is_phrase_negator(words[i]) and not words[i].endswith("n't"):
            if not _phrase_scope_ends(structure, i + width, first, clause.last):
                active.append(i)
        elif not _list_scope_ends(structure, i + width, first, clause.last):
            active.append(i)
        i += width
    return active[-1] if len(active) % 2 == 1 else None


def _ends_in_verb(word: str) -> bool:
    """A contraction ending in a verb ("I'm", "we've", "it's") or a copula: a negation right after negates it."""
    return word in cues.COPULAS or ("'" in word and word.rsplit("'", 1)[1] in {"m", "re", "s", "ve", "ll", "d"})


def _comma_before(structure: Structure, j: int) -> bool:
    tokens = structure.tokens
    return j > 0 and "," in structure.text[tokens[j - 1].end : tokens[j].start]


def _coordinated(structure: Structure, i: int) -> bool:
    """The negator at ``i`` opens a coordinated phrase of its own: right after "and"/"or" or a comma."""
    if i == 0:
        return False
    return structure.words[i - 1] in _AND_OR or _comma_before(structure, i)


def _list_scope_ends(structure: Structure, start: int, mention: int, clause_last: int) -> bool:
    """A comma between a negation and the mention ends its scope unless the mention is in a list closed by
    "or"/"nor" after the last such comma ("I would not use a canary, a shadow or flags"; but "not independent,
    heavy users, retries", "not X or Y, Z is fine")."""
    words, tokens, text = structure.words, structure.tokens, structure.text
    if 0 < start < len(tokens) and "," in text[tokens[start - 1].end : tokens[start].start]:
        return False  # "not, under any circumstances, use X": a parenthesis right after the negation
    commas = [j for j in range(max(start, 1), mention + 1) if "," in text[tokens[j - 1].end : tokens[j].start]]
    if not commas:
        return False
    return not any(words[j] in {"or", "nor"} for j in range(commas[-1], clause_last + 1))


def _calls_it_wrong(structure: Structure, clause: Clause) -> int | None:
    """The end of "that's wrong", "which is a myth", "it is not true": a clause calling what came before wrong."""
    words = structure.words
    for i in range(clause.first, clause.last + 1):
        if (words[i] in cues.WRONG_WORDS or (words[i] == "not" and i < clause.last and words[i + 1] == "true")) and all(
            word in cues.ANAPHORS
            or word in cues.COPULAS
            or word in cues.CLAUSE_OPENERS
            or word in {"a", "an", "just", "simply", "completely", "plain"}
            for word in words[clause.first : i]
        ):
            return i
    return None


def _phrase_scope_ends(structure: Structure, start: int, mention: int, clause_last: int) -> bool:
    """Whether the phrase a "no"/"without" opens ends before ``mention``: at "and", "then", "so", or at a comma
    unless the phrase is a list closed by "or"/"nor" ("without a canary, a shadow or flags")."""
    if any(structure.words[j] in cues.NP_SCOPE_ENDS for j in range(start, mention)):
        return True
    return _list_scope_ends(structure, start, mention, clause_last)


def _dismissal_after(structure: Structure, last: int, clause: Clause, strict: bool = False) -> tuple[int, bool] | None:
    """(end token, whether it is a negation) of a dismissal right after the mention in its clause, or in the
    next clause when that one only refers back ("X, which is overkill"). With ``strict`` (red flags), calling
    the claim wrong ("X is a myth", "..., which is wrong") dismisses it too."""
    words = structure.words
    end = min(clause.last, last + _DISMISSAL_WINDOW)
    if last + 1 <= end and words[last + 1] in _AND_OR:
        end = min(clause.last, end + _COORDINATED_SUBJECT)  # "X and Y are overkill": the predicate is further
    after_negator = words[last + 2] if last + 2 <= end else ""
    if (
        _ends_in_verb(words[last])
        and last < end
        and is_negator(words[last + 1])
        and after_negator not in cues.NOT_NEGATING_NEXT
    ):
        return last + 1, True  # the keyword's own verb negated: "I'm not", "we've never" (not "I'm not sure")
    for i in range(last + 1, end + 1):
        word = words[i]
        if word in cues.CLAUSE_OPENERS:
            break
        if word in cues.COPULAS and word.endswith("n't"):
            if _litotes(words, i):
                break  # "X isn't overkill": the predicate affirms X
            return i, True
        if word in cues.COPULAS or word in {"would", "will", "could", "might", "seems", "sounds"}:
            for j in range(i + 1, min(end, i + 3) + 1):
                if _comma_before(structure, j):
                    break  # "X is running, not Y": the negation corrects what follows, not X
                if is_negator(words[j]) and _litotes(words, j):
                    return None  # "X is not optional", "X is not overkill"
                if is_negator(words[j]) and (j + 1 > end or words[j + 1] not in cues.NOT_NEGATING_NEXT):
                    return j, True
                if words[j] in cues.DISMISSIVE_WORDS or (strict and words[j] in cues.WRONG_WORDS):
                    return j, False
            phrases = cues.DISMISSIVE_PHRASES.find(words, i + 1, min(end, i + 5) + 1)
            phrase = phrases[0] if phrases else None
            if phrase is not None:
                return phrase[1], False
        if is_negator(word):
            for j in range(i + 1, min(end, i + 2) + 1):
                if words[j] in cues.HELPFUL_VERBS:
                    return j, True
        if word in cues.DISMISSIVE_WORDS and i <= last + 2:
            return i, False
    gapped = _gapped_refusal(structure, last, clause)
    if gapped is not None:
        return gapped, True
    number = _past_subordinates(structure, structure.clause_of[last])
    if number + 1 < len(structure.clauses):
        following = structure.clauses[number + 1]
        if following.sentence == clause.sentence and following.refers_back_dismissal is not None:
            return following.refers_back_dismissal, False
        if strict:
            wrong = _calls_it_wrong(structure, following)
            if wrong is not None:
                return wrong, False
    return None


def _proposes(structure: Structure, clause_number: int) -> bool:
    """The clause puts forward what to do: the candidate's commitment, a clause opening with "but" or
    "instead", or one with a modal or "you". "PagedAttention instead allocates blocks on demand" describes a
    mechanism; it replaces nothing the candidate said."""
    clause = structure.clauses[clause_number]
    words = structure.words[clause.first : clause.last + 1]
    if clause.committed or any(word in cues.MODALS or word == "you" for word in words):
        return True
    return bool(clause.openers & cues.CONTRAST_OPENERS) and not _mid_sentence_adverb(structure, clause_number)


def _mid_sentence_adverb(structure: Structure, clause_number: int) -> bool:
    """ "Blue-green instead switches ...": the opener sits between a subject and its verb, with no punctuation
    before it, the clause before being only the sentence's first words."""
    if clause_number == 0:
        return False
    clause, before = structure.clauses[clause_number], structure.clauses[clause_number - 1]
    tokens = structure.tokens
    opens_sentence = structure.sentences[before.sentence].first == before.first
    gap = structure.text[tokens[before.last].end : tokens[clause.first].start]
    return before.sentence == clause.sentence and opens_sentence and gap.strip() == ""


def _rebutted(structure: Structure, clause_number: int) -> bool:
    """What others say (or dismiss) in this clause is answered by the candidate's own "but I'd still ..." in
    the next clause of the sentence, or in the next sentence's opening one."""
    clause = structure.clauses[clause_number]
    following = clause_number + 1
    if following >= len(structure.clauses):
        return False
    later = structure.clauses[following]
    if later.sentence not in (clause.sentence, clause.sentence + 1) or not later.contrast or not later.committed:
        return False
    after = structure.clauses[following + 1] if following + 1 < len(structure.clauses) else None
    if later.refers_back_dismissal is not None or later.replacing or (after is not None and after.replacing):
        return False
    words = structure.words[later.first : later.last + 1]
    if any(is_negator(word) or word in cues.DISMISSIVE_WORDS or word in cues.REBUTTAL_SPOILERS for word in words):
        return False  # "but I still think that's overkill" agrees with the doubt; "but I'd still rather Y" leaves it
    return any(word in cues.REBUTTAL_WORDS for word in words)


def _contrast_after(structure: Structure, clause_number: int) -> tuple[int, str] | None:
    """A later clause that contrasts this one away: (its number, the reason's label)."""
    clause = structure.clauses[clause_number]
    clauses = structure.clauses
    sentence = structure.sentences[clause.sentence]
    candidates = [n for n in sentence.clauses if n > clause_number]
    if clause.sentence + 1 < len(structure.sentences):
        # the next sentence's opening clause, after any bare markers ("Honestly though, I'd rather ...")
        for n in structure.sentences[clause.sentence + 1].clauses:
            candidates.append(n)
            if not _marker(clauses[n]):
                break
    carried = False
    reach = _past_subordinates(structure, clause_number)
    for n in candidates:
        later = clauses[n]
        if n > clause_number + 1 and clauses[n - 1].sentence != later.sentence:
            carried = False
        if structure.sentences[later.sentence].question:
            continue  # "That's overkill? No, ..." asks, it does not dismiss
        if later.refers_back_dismissal is not None and (n == reach + 1 or later.sentence != clause.sentence):
            return n, "dismissed"
        contrast = later.contrast or carried
        if contrast and later.replacing and not clause.committed and _proposes(structure, n):
            return n, "contrasted away"
        carried = _marker(later) and (later.contrast or carried)
    return None


_GAPPED_VERBS: Final = frozenset({"need", "needs", "want", "wants", "care"})


def _gapped_refusal(structure: Structure, last: int, clause: Clause) -> int | None:
    """ "X is a detail they don't need", "X is something we won't want": a predicate noun whose relative clause
    ends in a refusal with its object left out, the object being X."""
    words = structure.words
    if not any(words[i] in cues.COPULAS for i in range(last + 1, min(clause.last, last + 4) + 1)):
        return None
    for i in range(last + 2, clause.last + 1):
        if words[i] in _GAPPED_VERBS and is_negator(words[i - 1]) and _only_referring(words, i + 1, clause.last + 1):
            return i
    return None


def _dismissed_head(structure: Structure, number: int) -> tuple[int, bool] | None:
    """A clause spelling out a dismissed one ("Data contracts are mostly hype: you write a YAML contract, ...")
    is dismissed with it, as are the comma-joined clauses that continue the spelling out."""
    clauses = structure.clauses
    while number > 0 and not clauses[number].spells_out:
        previous = clauses[number - 1]
        if previous.sentence != clauses[number].sentence or clauses[number].openers & cues.CONTRAST_OPENERS:
            return None
        number -= 1
    if number == 0:
        return None
    head = clauses[number - 1]
    return (head.predicate_dismissal, False) if head.predicate_dismissal is not None else None


def _past_subordinates(structure: Structure, number: int) -> int:
    """The last clause of the run that clause ``number`` heads: it and the subordinate clauses that follow it in
    its sentence ("X before training", "X when it fails"), so that a dismissal after them ("..., but that's
    overkill") reaches back to X."""
    clauses = structure.clauses
    sentence = clauses[number].sentence
    while (
        number + 1 < len(clauses)
        and clauses[number + 1].sentence == sentence
        and clauses[number + 1].openers & _SUBORDINATE_OPENERS
        and not clauses[number + 1].openers & cues.CONTINUATION_OPENERS
    ):
        number += 1
    return number


_SUBORDINATE_OPENERS: Final = cues.SUBORDINATORS - {"because", "since", "as"}


def _marker(clause: Clause) -> bool:
    """A clause of one or two words, a discourse marker: "However,", "Honestly", "though,"."""
    return clause.last - clause.first < _BARE_CONTRAST_WORDS
