"""Cue lexicons: the words and short phrases that tell a claim from a mention.

Every list here is about English, not about any question: how people hedge ("I guess", "not sure"), attribute
a practice to others ("some teams use"), contrast it away ("but I'd just"), dismiss it ("is overkill",
"not worth it"), negate ("never", "without", "instead of"), ask ("I'd want to know") or open a new clause
("because", "which", "although"). Phrases are written as the grader's normalised words: lower case, American
spelling, apostrophes kept ("don't", "i'd"). :class:`CueIndex` finds them in a run of words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """One phrase per ``|``-separated entry; words separated by spaces."""
    return tuple(tuple(entry.split()) for entry in text.replace("\n", " ").split("|") if entry.strip())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class CueIndex:
    """Phrases indexed by their first two words (one-word cues by their word), each with a weight."""

    by_pair: dict[tuple[str, str], tuple[tuple[tuple[str, ...], int], ...]]
    """Phrases of two words or more by their first two, longest first."""
    singles: dict[str, int]
    """One-word cues and their weights."""
    firsts: frozenset[str]
    """Every cue's first word."""

    @classmethod
    def of(cls, *groups: tuple[tuple[tuple[str, ...], ...], int]) -> CueIndex:
        pairs: dict[tuple[str, str], list[tuple[tuple[str, ...], int]]] = {}
        singles: dict[str, int] = {}
        for phrases, weight in groups:
            for phrase in phrases:
                if len(phrase) == 1:
                    singles.setdefault(phrase[0], weight)
                else:
                    pairs.setdefault((phrase[0], phrase[1]), []).append((phrase, weight))
        ordered = {pair: tuple(sorted(found, key=lambda item: -len(item[0]))) for pair, found in pairs.items()}
        return cls(ordered, singles, frozenset(singles) | frozenset(first for first, _ in pairs))

    def find(self, words: Sequence[str], start: int, end: int) -> list[tuple[int, int, int]]:
        """(first, last, weight) of every cue inside ``words[start:end]``, longest first at each position;
        a position covered by a longer cue does not start another."""
        found: list[tuple[int, int, int]] = []
        by_pair, singles, firsts = self.by_pair, self.singles, self.firsts
        free = start  # the first position not covered by a cue found
        for i in [i for i in range(start, end) if words[i] in firsts]:
            if i < free:
                continue
            word = words[i]
            size = 0
            if i + 1 < end:
                for phrase, weight in by_pair.get((word, words[i + 1]), ()):
                    if len(phrase) == 2 or (i + len(phrase) <= end and tuple(words[i : i + len(phrase)]) == phrase):
                        size = len(phrase)
                        found.append((i, i + size - 1, weight))
                        break
            if not size and word in singles:
                size = 1
                found.append((i, i, singles[word]))
            free = i + size
        return found

    def first_words(self) -> frozenset[str]:
        return self.firsts


STRONG_HEDGE: Final = 2
WEAK_HEDGE: Final = 1
HEDGED_AT: Final = 2
"""A clause whose hedge weights add up to this is hedged: one "maybe" is a manner of speaking, "I guess maybe"
or "not sure" is not a claim."""


HEDGES: Final = CueIndex.of(
    (
        _phrases(
            """
            i guess | i suppose | i'm not sure | not sure | unsure | no idea | don't know | do not know |
            dunno |
            not certain | hypothetically | in theory | theoretically | or something | or whatever |
            something like that |
            who knows | if i had to guess | just guessing | guessing | wild guess | no clue | never used |
            haven't used |
            have not used | not familiar | i've heard | heard of | heard that | i'd have to look |
            i would have to look |
            i'd have to check | one could | one might | someone could | could consider | might consider |
            could look into | might look into | could think about | might think about | might be worth |
            could be worth |
            not an expert | i'm no expert | can't remember | don't remember | i forget | if i remember |
            iirc | afaik |
            not 100 percent | i'm not convinced | i could be wrong | i may be wrong | might be wrong |
            could be wrong | could be off | might be off | don't quote me | hard to say | hard to tell |
            along those lines |
            not too sure | not really sure | not entirely sure | not totally sure | not quite sure | not so sure |
            not completely sure | no clear idea | i'd have to think | i would have to think
            """
        ),
        STRONG_HEDGE,
    ),
    (
        _phrases(
            """
            maybe | perhaps | possibly | might | could | probably | i think | i believe | i feel | kind of |
            sort of |
            somewhat | ideally | potentially | presumably | apparently | supposedly | arguably | consider |
            considering |
            look into | explore | i'd say | i would say | i'd imagine | i imagine | hopefully | whether |
            in principle |
            on paper | not necessarily | not always | perhaps | conceivably | in an ideal world | if anything |
            i reckon | reckon | i'd guess | i would guess | likely | i'd assume | i assume | my guess |
            my best guess | my gut | gut feeling | my hunch | a hunch | i'm guessing | looks like | seems like |
            at first glance | at first sight | on the surface
            """
        ),
        WEAK_HEDGE,
    ),
)


ATTRIBUTION_SUBJECTS: Final = _words(
    """
    people folks others everyone everybody teams companies orgs organizations shops vendors textbooks
    practitioners engineers researchers some many most
    """
)
"""Words that, opening a clause, make its subject someone other than the candidate ("some teams use ...")."""


ATTRIBUTION_NOUNS: Final = _words("people folks teams companies orgs organizations shops vendors practitioners")
"""Nouns that, after "the" and a modifier or two, name others as the subject ("the inference people like to
...", "the platform folks would ..."); followed by a copula they are described, not quoted ("the ML teams are
small")."""


EPISTEMIC_FRAMES: Final = CueIndex.of(
    (_phrases("i think | i believe | i know | i feel | i guess | i suppose | i'd say | i find | in my view"), 1)
)
"""A frame the candidate puts before someone else's view: what follows is still the others' ("I know people
like to ...")."""


ATTRIBUTION_PHRASES: Final = CueIndex.of(
    (
        _phrases(
            """
            some people | many people | most people | a lot of people | lots of people | some teams |
            many teams |
            most teams | a lot of teams | lots of teams | other teams | some companies | many companies |
            most companies | a lot of companies | some folks | some orgs | the industry |
            conventional wisdom |
            the textbook | textbook answer | the standard answer | the usual answer | the obvious answer |
            the classic answer | the common approach | a common approach | the usual approach | is the usual |
            the usual suspects | the usual toolkit | the usual tools | the standard toolkit | the standard playbook |
            common advice |
            the usual advice | some would | some say | some argue | some suggest | some recommend |
            you'll hear |
            you often hear | people say | people often | people usually | people tend | is popular |
            are popular |
            is fashionable | is trendy | it's tempting | is tempting | the hype | everyone says |
            everybody says |
            everyone uses | everybody uses | the default answer | the knee-jerk | the knee jerk | the reflex
            | you'd think | you would think | one would think | you'd expect | you would expect |
            you might think |
            you might expect | you may think | it's natural to think | the naive view | naively |
            people assume |
            many assume | it's assumed | the assumption is | a common misconception | common misconception |
            a common myth | the myth | is a myth | conventional belief | the intuition is |
            a lot of advice | lots of advice | most advice | the advice says | advice says | the docs say |
            the documentation says | the documented fix | the documented fixes | the textbook fix |
            the textbook fixes | the standard fix | the standard fixes | the usual fix | the usual fixes |
            the official fix | the recommended fix | the guides say | the books say | blog posts say |
            the theory says | the purist answer | the purists
            """
        ),
        STRONG_HEDGE,
    ),
)


NON_COMMITTAL: Final = _words(
    """
    normally usually typically traditionally classically generally often commonly conventionally historically
    ordinarily customarily sometimes could might would've option options alternative alternatives
    """
)
"""Words that keep a clause from being the candidate's own commitment ("normally I'd use X, but here ...")."""


IMPERATIVE_VERBS: Final = _words(
    """
    add alert ask audit automate avoid backfill benchmark block build bump cache calculate call cap check
    compare compute confirm create cut debug define delete deploy disable document downgrade drop enable
    enforce ensure escalate estimate evaluate export file filter find fix freeze gate get give go identify
    increase inspect install introduce investigate isolate keep kill label launch limit load log look lower
    make measure merge migrate mirror monitor move notify open page partition patch pause pick pin plan post
    prefer profile promote pull push put raise ramp read rebuild record redeploy reduce refresh reload remove
    replace replay reproduce request require rerun reset restart restore retrain retry revert review roll
    route run sample scale schedule send set shadow share ship shard snapshot split start stop store switch
    tag tell test throttle trace track train tune turn update upgrade use validate verify version wait warm
    watch wrap write
    """
)
"""Verbs an instruction opens with ("Roll back first", "Pin the version"): an imperative is a commitment."""


LEAD_ADVERBS: Final = _words("first then next also just always immediately quickly finally second third now")


FIRST_PERSON: Final = _words("i we i'd we'd i'll we'll i'm we're i've we've let's my our")


SUBJECTS: Final = _words(
    """
    i we you they he she it there this one i'd we'd you'd they'd he'd she'd it'd i'll we'll you'll they'll it'll
    i'm we're you're they're it's that's there's here's i've we've you've they've let's what's
    """
)
"""Words that can start a new clause as its subject."""


MODALS: Final = _words(
    """
    would will should could can might must may shall need needs want wants have has had do does did am is are
    was were 'd 'll would've wouldn't won't shouldn't can't couldn't don't doesn't didn't isn't aren't
    then also first just always usually still really personally
    """
)


CONTRAST_OPENERS: Final = _words(
    "but however though although yet whereas instead rather still nevertheless nonetheless"
)


CONTRAST_ANYWHERE: Final = _words("though however instead nevertheless nonetheless")


CLAUSE_OPENERS: Final = _words(
    """
    but however though although yet whereas because cause which whereby unless otherwise while whilst since
    if when whenever once until before after so then instead rather except
    """
)
"""Words that start a new clause for negation, hedge and contrast scope."""


SUBORDINATORS: Final = _words(
    "if unless when whenever once until because since although though while whilst whereas before after as"
)
"""Openers of a subordinate clause that a comma (or a following subject) closes ("if it fails, ...")."""


CONDITIONALS: Final = _words("if unless when whenever once until otherwise suppose assuming whether")
"""A negation inside a clause these open is a condition, not the candidate rejecting anything."""


PREMISE_OPENERS: Final = _words("without")
"""A clause opening "Without a canary, ..." states a counterfactual premise: the negation in it is a condition."""


ANAPHORS: Final = _words("it that this they them those these which it's that's they're one ones either")
"""Words that point back at what was just said ("...; it is overkill", "they are a waste of time")."""


CONTINUATION_OPENERS: Final = _words("but which though although yet whereas while")
"""Openers of a clause that may still be about the previous clause's subject ("X, which is overkill")."""


REPLACEMENT: Final = CueIndex.of(
    (
        _phrases(
            """
            instead | rather | i'd rather | i would rather | i'd prefer | i would prefer | i prefer |
            we'd prefer |
            go with | going with | stick with | stick to | settle for | all you need | all we need |
            all i need |
            all it takes | is enough | are enough | would be enough | is sufficient | suffices | will do |
            does the job |
            is plenty | good enough | skip | skipping | i'd skip | forget about | not bother | won't bother |
            wouldn't bother | don't bother | honestly just | really just
            """
        ),
        1,
    ),
)


REBUTTAL_WORDS: Final = _words("still anyway regardless nonetheless nevertheless")
"""After "but" and a first-person subject, the candidate keeps to what others doubted: "but I'd still ..."."""

JUST_WORDS: Final = _words("just simply merely")
"""'I'd just ...' replaces whatever came before; 'just for an hour' restricts it (see RESTRICTIVE_AFTER)."""

REBUTTAL_SPOILERS: Final = JUST_WORDS | _words("rather instead prefer only")
"""Words that make "but I'd still ..." turn to something else ("but I'd still rather Y")."""


RESTRICTIVE_AFTER: Final = _words(
    """
    for to on in during after before while until when as like once at with by from a an the one two few
    """
)


DISMISSIVE_WORDS: Final = _words(
    """
    overkill unnecessary unneeded needless irrelevant pointless useless superfluous redundant premature
    overengineering overengineered overhyped overrated outdated obsolete wasteful nah nope heavyweight
    harmless negligible salesy cosmetic overblown exaggerated overstated overcomplicated overcomplicates
    overthinking overthought patronizing condescending silly ridiculous counterproductive unhelpful
    bureaucracy bureaucratic formality formalities nitpicking pedantic unwarranted unjustified
    """
)


DISMISSIVE_PHRASES: Final = CueIndex.of(
    (
        _phrases(
            """
            not needed | not necessary | not required | not worth | not useful | not important |
            not relevant |
            isn't needed | aren't needed | isn't necessary | aren't necessary | isn't required | isn't worth |
            aren't worth | isn't useful | isn't important | isn't relevant | no use | of no use | a waste |
            waste of | a distraction | red herring | nice to have | too heavy | too complex |
            too complicated |
            too much | can wait | can be skipped | can skip | can be ignored | can ignore | can be dropped |
            not a priority | low priority | not the point | doesn't matter | don't matter | does not matter |
            won't help | wouldn't help | doesn't help | does not help | won't matter | wouldn't matter |
            makes no difference | no difference | adds nothing | buys nothing | buys you nothing | no point |
            over engineering | over engineered |
            over the top | a bad idea | bad idea | not a good idea | isn't a good idea | the wrong tool |
            wrong tool |
            not the right tool | stay away | steer clear | a trap | a myth | don't care | not care |
            not for us |
            not for this | not here | not now | not yet | not in this case | not at this scale |
            not at our scale | not worth it | nothing to worry about | nothing to fix | not a problem |
            not an issue | a non issue | non issue | no big deal | not a big deal | than it's worth |
            than it is worth | more trouble than | more hassle than | more work than |
            noise | ceremony | hype | marketing | a gimmick | gimmick | a fad | buzzword | buzzwords |
            busywork | theater | for show | a vendor story | a sales pitch |
            more than we need | more than i need | more than you need | more than it needs | more than this needs |
            more than it deserves | more fuss than | more effort than | more overhead than | overhead for nothing |
            effort we don't need | effort you don't need | a complication | no payoff | no real payoff |
            no benefit | no real benefit | little benefit | little value | not much value | no value |
            of little use | not much use | doesn't earn its keep | does not earn its keep | we can live without |
            you can live without | can live without | box ticking | a checkbox exercise |
            lip service | slow us down | slow teams down | slow everyone down | slow things down |
            slows us down | slows teams down | slows everyone down | slows things down | slow the team down |
            slows the team down | slow people down | slows people down | slow you down | slows you down |
            gets in the way |
            get in the way | adds friction | add friction | a research paper | a research project |
            an academic exercise | not buying it | not for a team our size | not for a team this size |
            any of them is fine | any of them would work | any of them works | any of those is fine |
            any of those would work | either works | either would work | either one works | either is fine |
            whichever you prefer | whatever the team prefers | whatever the team knows | whatever your team knows |
            pick whatever | pick any | makes no sense | make no sense | doesn't make sense | does not make sense |
            without much gain | without much benefit | for little gain | for little benefit | little gain
            """
        ),
        1,
    ),
)


REFERRING_WORDS: Final = _words(
    """
    it that this them those one ones either any here now yet there bother do doing go that's it's they're
    really honestly personally for us myself find feel believe reckon guess suppose need needed use used want
    wanted
    """
)
"""What may follow "I wouldn't" when it refers back to the previous clause rather than to a new object, or
frame a dismissal that does ("but I find that overblown")."""


REFUSALS: Final = CueIndex.of(
    (
        _phrases(
            """
            i wouldn't | i would not | we wouldn't | we would not | i won't | we won't | i don't | we don't |
            i do not |
            we do not | i'd not | we'd not | i'd never | i would never | i'd avoid | i would avoid |
            we'd avoid |
            i'd skip | we'd skip | i'd drop | we'd drop | i'd leave | we'd leave | not me | no need |
            don't need |
            do not need | doesn't need | won't need | wouldn't need | we don't need | i don't need |
            we never | i never | we've never | i've never | nobody needs | no one needs
            """
        ),
        1,
    ),
)


NEG_RAISERS: Final = CueIndex.of(
    (
        _phrases(
            """
            don't think | do not think | don't believe | do not believe | don't see | do not see |
            don't expect | wouldn't say | would not say | i doubt | not convinced | not sure
            """
        ),
        1,
    ),
)
"""A negated belief before a positive judgement means the judgement is denied: "I don't think it's worth it"."""


EVALUATIVE_WORDS: Final = _words(
    """
    worth worthwhile needed necessary required useful helpful important relevant matters matter helps help
    justified warranted essential valuable
    """
)
"""Positive judgements a negated belief denies ("I don't think that's needed")."""


QUALIFIER_PREPOSITIONS: Final = _words("for in at with given from to on")
"""Prepositions that open a qualifier before a referring dismissal: "for a PM that's noise", "in my experience
it's overkill"."""


NEGATIVE_JUDGEMENTS: Final = _words(
    """
    optional negotiable wrong hurt hurts harm harms unnecessary needless overkill redundant pointless useless
    luxury afterthought bad mistake
    """
)
"""Words a negation turns into an affirmation: "not optional", "can't go wrong", "won't hurt", "not a mistake"."""


RISKY_WORDS: Final = _words("dangerous risky reckless irresponsible unsafe asking")
"""Predicates that reject a rejection: "skipping X is risky", "going without X is asking for trouble"."""


LITOTES_SKIPPED: Final = _words("longer go be really at all a an much any")
"""Words between a negator and a negative judgement that keep the double negative ("no longer optional", "can't
go wrong", "not a luxury")."""


VERBAL_NEGATORS: Final = _words("not never cannot neither")
"""Negators whose scope runs to the end of their clause ("I would not use a canary or a shadow")."""


NP_NEGATORS: Final = _words(
    "no without nor none nothing nobody skip skips skipped skipping avoid avoids avoided avoiding forget"
)
"""Negators whose scope is the phrase they introduce ("without a canary", "no shadow"), up to an "and"."""


NEGATOR_PAIRS: Final = frozenset(
    {
        ("instead", "of"),
        ("rather", "than"),
        ("in", "place"),
        ("as", "opposed"),
        ("no", "longer"),
        ("get", "rid"),
        ("do", "away"),
        ("steer", "clear"),
        ("stay", "away"),
        ("forget", "about"),
        ("little", "point"),
        ("little", "sense"),
    }
)
"""Two-word negators; the first word is where the negation starts."""


NOT_NEGATING_NEXT: Final = _words(
    """
    only just merely necessarily least always sure certain entirely exactly quite yet ever doubt matter
    later less more problem brainer surprise question wonder enough sufficient alone
    """
)
"""After "not"/"no": "not only X but Y", "not sure" (a hedge), "no doubt", "no later than" do not negate."""


NOT_NEGATING_BEFORE: Final = _words("to or helps help helping and")
"""Before "avoid"/"skip": "to avoid X" and "helps avoid X" name a purpose, not a rejection of X."""


NP_SCOPE_ENDS: Final = _words("and then so but because which while")
"""Words that end the scope of a phrase negation ("no shadow here and a canary covers it")."""


COPULAS: Final = _words(
    """
    is are was were be been being 's seems seem sounds sound looks look feels feel becomes become remains
    isn't aren't wasn't weren't
    """
)


HELPFUL_VERBS: Final = _words(
    "help helps matter matters apply applies work works add adds buy buys needed necessary required worth"
)
"""Verbs a negation dismisses the subject with: "seeds don't matter", "a canary won't help"."""


ASK_CUES: Final = CueIndex.of(
    (
        _phrases(
            """
            i'd ask | i would ask | i'll ask | i will ask | i'd also ask | i would also ask |
            i'd like to ask |
            i'd want to ask | i want to ask | i'd ask about | ask about | ask them | ask the | ask her |
            ask him |
            ask you | ask whether | ask what | ask how | ask why | ask who | ask which | ask when | ask if |
            asking about | asking whether | asking what | asking how | asking why | asking who | asked about |
            asked whether | asked what | asked how | asked why | asked who | i'd want to know |
            i would want to know |
            i want to know | i'd like to know | i would like to know | i'd love to know |
            i'd like to understand |
            i would like to understand | i'd want to understand | i'm curious | i am curious | curious about |
            curious to know | i wonder | i was wondering | i'm wondering | wondering | my question |
            my questions |
            a question about | question about | questions about | could you tell me | can you tell me |
            would you tell me | could you explain | can you explain | tell me about | tell me more |
            i'd clarify |
            i would clarify | clarify | find out | check with | i'd check with | i would check with |
            enquire |
            inquire | enquiring | inquiring
            """
        ),
        1,
    ),
)


QUESTION_STARTS: Final = _words(
    """
    what what's whats how how's who who's whom whose which where where's when why is are do does did can could
    would will should shall may might has have was were am
    """
)
"""A sentence opening with one of these and ending without "?" may still be a question ("What does success
look like in a year.")."""


ASKING_POINT_START: Final = _words("asks ask asking questions enquires inquires probes")
"""A point whose text starts with one of these is about the candidate asking ("Asks about the team")."""


EMPTY_WORDS: Final = _words(
    """
    and or nor also just really very quite basically actually obviously clearly simply definitely honestly
    probably maybe perhaps first then next finally overall generally thing things stuff way ways lot lots bit
    kind sort good great nice best better fine ok okay important interesting key main question questions
    answer answers approach approaches option options tradeoff tradeoffs trade depends depend depending case
    cases situation situations problem problems issue issues solution solutions point points aspect aspects
    idea ideas sure yes yeah right well like etc e g i.e eg ie able something anything everything nothing
    someone anyone everyone really whole part parts various several many much more most less least other
    others same different certain specific general particular usual usually typically often always sometimes
    never ever every each all any some such own thing's consider considering think say said mean means
    """
)
"""Content-free words that do not count as the candidate's own words (stuffing and echo checks)."""


POINT_META_WORDS: Final = _words(
    """
    explains explain describes describe gives give names name mentions mention notes note states state says
    say reports report shows show uses use proposes propose suggests suggest recommends recommend identifies
    identify realises realizes realise realize recognises recognizes knows know distinguishes compares
    compare chooses choose argues argue considers consider covers cover discusses discuss sets set offers
    offer treats treat keeps keep makes make calls call candidate answer point their them they own clear
    clearly concrete specific example examples first asks ask questions about how what why which whether
    when who the a an and or of to for with in on at by from as is are it its that this these those such
    """
)
"""Words of a point's text that describe the act of answering, not its content ("Explains ...")."""


VAGUE_WORDS: Final = _words(
    """
    stakeholder stakeholders communicated communicating communication communicate aligned aligning alignment
    align collaborated collaborating collaboration collaborate teamwork ownership owned drove driving drive
    leveraged leverage synergy synergies initiative initiatives execution executed successfully successful
    success delivered delivering deliver implemented implementing implement solution solutions process
    processes project projects plan plans planning value values challenge challenges challenging difficult
    impact impactful outcome outcomes result results efficient efficiently effective effectively improved
    improve improvement improvements better worked working happy satisfied great positive issue issues
    everyone everybody things situation team teams together closely proactive proactively transparent
    transparency priorities prioritized prioritised responsible responsibility responsibilities role roles
    task tasks goal goals ownership
    """
)
"""Workplace words that describe any story and so show nothing about this one ("I took ownership and aligned
the stakeholders"): uncommon in books, but no more specific than "thing"."""


WRONG_WORDS: Final = _words(
    "wrong incorrect false untrue mistake misconception myth misleading flawed bogus nonsense fallacy"
)
"""Words that call a claim wrong; a red flag followed by them ("X is a myth") is not asserted."""
