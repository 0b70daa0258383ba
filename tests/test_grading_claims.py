"""Credit needs a claim, not a mention: negation scope, hedges, contrast, dismissal, lists, echo and the three
outcomes per point (covered, possible, missed), each rule tried with many phrasings."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.english import is_english_word
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.results import PointResult

PROMPT = "How would you release a new model version safely?"


def question(*points: dict[str, Any], prompt: str = PROMPT, kind: str = "technical") -> Question:
    return Question.model_validate(
        {
            "id": "claims-question",
            "area": "serving",
            "kind": kind,
            "level": "mid",
            "minutes": 5,
            "prompt": prompt,
            "points": list(points),
        }
    )


def point(text: str, *keywords: str) -> dict[str, Any]:
    return {"text": text, "keywords": list(keywords)}


CANARY = question(point("Limits the blast radius with a canary", "canary"))


def canary(answer: str) -> PointResult:
    return grade_answer(CANARY, answer).points[0]


# Claims ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "I'd start with a canary at 5% of traffic.",
        "First a canary at 5%, then ramp up.",
        "Canary at 5% for an hour, then 25%, then everyone.",
        "I would never release without a canary.",  # two negations cancel
        "I'd not only run a canary but also a shadow.",
        "No, I'd run a canary first.",  # an interjection, not a negation
        "I'd use a canary, but only for the first hour.",  # "but only" restricts, it does not replace
        "I'd use a canary, but I'd keep it short.",
        "Rather than shadowing, I'd start a canary at 5%.",
        "To avoid a bad canary, keep it small.",  # "to avoid" names a purpose
        "I think a canary would work here.",  # one mild hedge is a manner of speaking
        "I'd probably start with a canary.",
        "I'm not sure which is better, but I'd go with a canary.",
        "Start a canary at 5%. It is the cheapest guard.",
        "A canary is not enough on its own, so add a shadow too.",  # "not enough" keeps it
        "If the canary shows errors, roll back.",  # a condition that uses it
        "I don't like shadow runs, but a canary is a must.",  # the negation stays in its clause
    ],
)
def test_a_claim_earns_credit_and_quotes_its_sentence(answer: str) -> None:
    result = canary(answer)
    assert result.status == "covered", result.reason
    assert result.covered
    assert result.evidence is not None
    assert answer[result.evidence.start : result.evidence.end] == result.evidence.text
    assert any(match.start >= result.evidence.start and match.end <= result.evidence.end for match in result.matches)


# Negation follows the clause ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "quoted"),
    [
        ("I would not use a canary here.", "not use a canary"),
        ("I would not, under any circumstances, use a canary.", "not, under any circumstances, use a canary"),
        ("I wouldn't bother with a canary.", "wouldn't bother with a canary"),
        ("We never needed a canary for this service.", "never needed a canary"),
        ("There's no need for a canary.", "no need for a canary"),
        ("I'd skip the canary and go straight to 100%.", "skip the canary"),
        ("I'd avoid a canary here.", "avoid a canary"),
        ("Instead of a canary, I'd run a shadow deployment.", "Instead of a canary"),
        ("I'd run a shadow deployment rather than a canary.", "rather than a canary"),
        ("Not a canary but a blue-green switch.", "Not a canary"),
        ("Ship it without a canary.", "without a canary"),
        ("I don't think a canary is needed.", "don't think a canary"),
        ("We don't need a feature store or a canary.", "don't need a feature store or a canary"),
        ("I would not use a shadow, a flag or a canary.", "not use a shadow, a flag or a canary"),
    ],
)
def test_a_negated_mention_earns_nothing_and_says_why(answer: str, quoted: str) -> None:
    result = canary(answer)
    assert result.status == "missed"
    assert result.reason is not None
    assert result.reason.startswith("negated:")
    assert quoted in result.reason


def test_negation_scope_ends_with_its_clause_not_after_a_fixed_window() -> None:
    long_clause = "I would not, whatever the product manager says about speed and cost, ever run a canary."
    assert canary(long_clause).status == "missed"
    for answer in (
        "I would not retrain on every alert, and I would run a canary at 5%.",
        "It is not the model that fails; the canary shows that.",
        "No errors showed up, and the canary stayed green.",
        "I don't trust dashboards, so a canary it is.",
        "Nobody reads the logs because the canary pages first.",
    ):
        assert canary(answer).covered, answer


def test_a_negation_inside_a_condition_only_makes_the_point_possible() -> None:
    for answer in (
        "If we had no canary, a bad model would reach everyone.",
        "Without a canary, a bad model reaches 100% of users.",
        "Unless there is no canary, keep the rollout small.",
    ):
        result = canary(answer)
        assert result.status == "possible", answer
        assert result.reason is not None
        assert result.reason.startswith("only in a condition")


# Dismissal and contrast ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "A canary is unnecessary here.",
        "Canaries are overkill for an internal tool.",
        "A canary would be overkill.",
        "A canary, which is overkill for this.",
        "A canary would be nice, but not at this scale.",
        "You could add a canary, but that's overkill here.",
        "A canary, but I wouldn't.",
        "A canary would help, but I would not do that here.",
        "Canary? Nah.",
        "A canary. Overkill though.",
        "Some people swear by canaries; I think they are a waste of time.",
        "A canary won't help with delayed labels.",
        "Canaries don't really matter for a batch job.",
    ],
)
def test_a_dismissed_mention_earns_nothing(answer: str) -> None:
    result = canary(answer)
    assert result.status == "missed", result.reason
    assert result.reason is not None
    assert result.reason.split(":")[0] in {"dismissed", "negated"}


@pytest.mark.parametrize(
    "answer",
    [
        "People usually run a canary for this, but I'd just push it to everyone and watch the dashboards.",
        "Canary releases are popular. However, I would simply ship to all users at once.",
        "Canaries are great for crashes, but for conversion I'd just run an A/B test.",
        "You'd normally reach for a canary, but here a feature flag is enough.",
        "Normally I'd run a canary, but with two users I'd just deploy.",
        "A canary gives you a small blast radius. Honestly though, I'd rather just deploy and watch.",
        "Many teams would add a canary here; instead I'd ship behind a feature flag.",
    ],
)
def test_a_mention_contrasted_away_by_what_follows_earns_nothing(answer: str) -> None:
    result = canary(answer)
    assert result.status == "missed", result.reason
    assert result.reason is not None
    assert result.reason.split(":")[0] in {"contrasted away", "dismissed", "negated"}


@pytest.mark.parametrize(
    "answer",
    [
        "People will tell you a canary is old-fashioned, but I'd still run one.",
        "Some teams call canaries overkill. But we still run a canary for every release.",
        "Most teams use a canary here, but I would still insist on one anyway.",
    ],
)
def test_what_others_doubt_is_the_candidate_s_claim_when_they_keep_to_it(answer: str) -> None:
    assert canary(answer).covered, canary(answer).reason


@pytest.mark.parametrize(
    "answer",
    [
        "People use a canary, but I still think that's overkill here.",
        "Most teams use a canary, but I'd still rather just deploy.",
        "Most teams use a canary, but I'd still ship to everyone instead.",
    ],
)
def test_a_but_still_that_agrees_with_the_doubt_or_turns_away_is_no_claim(answer: str) -> None:
    assert not canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "A canary is something big companies do; we never needed it.",
        "A canary is something big companies do. We never needed one.",
        "A canary is nice, but we don't need that.",
        "Sure, a canary could work, or a feature flag, or a shadow; any of them is fine really.",
    ],
)
def test_a_later_clause_that_does_without_it_or_shrugs_at_the_options_dismisses_it(answer: str) -> None:
    assert canary(answer).status == "missed"


def test_never_with_an_object_of_its_own_does_not_reach_back() -> None:
    for answer in ("I'd use a canary. I never skip it.", "Ship with a canary; I never use big-bang releases."):
        assert canary(answer).covered, answer


def test_another_mechanism_described_with_instead_does_not_take_the_credit_back() -> None:
    answer = "A canary exposes a small share of users first. Blue-green instead switches everyone at once."
    assert canary(answer).covered


def test_forget_negates_what_it_names_and_the_usual_toolkit_is_no_commitment() -> None:
    assert canary("Forget the canary, just ship it.").status == "missed"
    assert canary("There's little point in a canary.").status == "missed"
    assert canary("Don't forget the canary.").covered
    assert canary("My toolbox here is the usual: canary, feature flags and dashboards.").status == "possible"


def test_a_commitment_survives_a_later_restriction_or_instruction() -> None:
    for answer in (
        "I'd start with a canary, then just watch the error rate.",
        "Roll out a canary first. But just rolling out is not enough, watch p99 too.",
        "I'd run a canary. Then I'd just watch it for an hour.",
        "A canary at 5%. That's overkill? No, it's cheap.",  # a question is not a dismissal
    ):
        assert canary(answer).covered, answer


# Hedges, attribution, questions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("I guess maybe one could consider a canary, not sure.", "hedged"),
        ("A canary, I suppose.", "hedged"),
        ("I'd use a canary, I guess.", "hedged"),
        ("We could in theory run a canary.", "hedged"),
        ("Maybe we could try a canary, no idea really.", "hedged"),
        ("Not sure, but a canary perhaps.", "hedged"),
        ("Hypothetically a canary might work.", "hedged"),
        ("Most teams use a canary here.", "attributed to others"),
        ("Some people like canaries for this.", "attributed to others"),
        ("The textbook answer is a canary.", "attributed to others"),
        ("Would a canary catch this?", "asked, not stated"),
        ("Should we use a canary? It depends.", "asked, not stated"),
    ],
)
def test_a_weak_signal_is_possible_not_covered(answer: str, label: str) -> None:
    result = canary(answer)
    assert result.status == "possible"
    assert not result.covered
    assert result.reason is not None
    assert result.reason.startswith(label), result.reason
    assert result.evidence is not None
    assert result.evidence.text in answer
    assert grade_answer(CANARY, answer).score == 0


def test_a_sentence_that_is_only_a_hedge_hedges_the_one_before() -> None:
    assert canary("A canary at 5%. Not sure though.").status == "possible"
    assert canary("A canary at 5%. I'm confident about that.").covered


# Lists and stuffing -------------------------------------------------------------------------------------------


THREE = question(
    point("Shadow", "shadow traffic"),
    point("Canary", "canary"),
    point("Flags", "feature flags"),
    point("Rollback", "automated rollback"),
    point("Guardrails", "guardrail metrics"),
)


@pytest.mark.parametrize(
    "answer",
    [
        "Canary, shadow traffic, blue-green, feature flags, automated rollback.",
        "It depends. Canary, shadow traffic, feature flags, guardrail metrics, automated rollback.",
        "canary, shadow traffic, think of it as a gate, feature flags, guardrail metrics",
        "- canary\n- shadow traffic\n- feature flags\n- guardrail metrics\n",
    ],
)
def test_a_bare_list_of_terms_earns_nothing(answer: str) -> None:
    grade = grade_answer(THREE, answer)
    assert grade.score == 0
    assert all(not p.covered for p in grade.points)


def test_a_list_after_a_lead_in_clause_is_an_answer() -> None:
    answer = "On the canary I would watch p99 latency, error rate, throughput and the guardrail metrics."
    grade = grade_answer(THREE, answer)
    assert [p.text for p in grade.covered] == ["Canary", "Guardrails"]


@pytest.mark.parametrize(
    "answer",
    [
        "I'd use a canary with shadow traffic, feature flags, guardrail metrics and automated rollback.",
        "Use a canary plus shadow traffic and feature flags, guardrail metrics, automated rollback too.",
        "You need a canary, shadow traffic, feature flags, guardrail metrics and an automated rollback.",
    ],
)
def test_an_answer_stuffed_with_keywords_reads_as_a_list_of_terms(answer: str) -> None:
    grade = grade_answer(THREE, answer)
    assert grade.score == 0
    stuffing = "reads as a list of terms: explain how or why"
    assert stuffing in grade.notes or any("name-dropped" in (p.reason or "") for p in grade.points)
    assert all(p.reason == stuffing or "name-dropped" in (p.reason or "") for p in grade.points if p.rejected)


def test_an_explained_answer_with_the_same_keywords_is_not_stuffing() -> None:
    answer = (
        "I'd mirror shadow traffic first to compare predictions without user impact, then a canary at 5% so a "
        "bad version hurts few users. Feature flags let product turn it off without a deploy, guardrail metrics "
        "such as checkout errors decide promotion, and an automated rollback fires when p99 or errors regress."
    )
    grade = grade_answer(THREE, answer)
    assert grade.notes == ()
    assert grade.score == 1


def test_and_and_or_count_as_function_words_so_a_two_term_answer_is_not_zeroed() -> None:
    members = question(point("Data members", "data members"), point("Member functions", "member functions"))
    grade = grade_answer(members, "Data members (attributes) and member functions.")
    assert grade.notes == ()
    assert grade.score == 1
    assert grade_answer(members, "Data members or member functions.").score == 1


# Echo is not evidence -----------------------------------------------------------------------------------------


HYBRID = question(
    point("Gives a clear preference about the arrangement", "hybrid", "works for me", "in the office"),
    point("Gives a work-related reason", "pairing", "collaboration", "focus time"),
    prompt="We work hybrid: three days a week in the office. How does that fit with what you are looking for?",
    kind="screen",
)


@pytest.mark.parametrize(
    "answer",
    [
        "Hybrid.",
        "Hybrid, in the office.",
        "We work hybrid: three days a week in the office. That fits with what I am looking for.",
        "So, hybrid, three days a week in the office.",
    ],
)
def test_repeating_the_question_earns_nothing(answer: str) -> None:
    result = grade_answer(HYBRID, answer).points[0]
    assert not result.covered
    assert result.reason is not None
    assert "repeats the question" in result.reason


def test_the_question_s_words_with_evidence_of_ones_own_count() -> None:
    answer = "Hybrid works for me: I like pairing in person on office days and deep focus at home."
    grade = grade_answer(HYBRID, answer)
    assert [p.covered for p in grade.points] == [True, True]
    weak = grade_answer(HYBRID, "Hybrid is fine.").points[0]
    assert weak.status in {"possible", "missed"}


def test_a_step_s_reveal_is_echo_for_that_step_s_points_and_asked_text_for_all() -> None:
    data = {
        "id": "scn",
        "area": "serving",
        "kind": "scenario",
        "level": "mid",
        "minutes": 8,
        "prompt": "Errors rose after a model change. What do you do?",
        "points": [point("Rolls back", "roll back")],
        "steps": [
            {
                "reveal": "After the roll back errors persist; pods loaded the model at startup.",
                "points": [point("Restarts pods", "loaded at startup", "rollout restart")],
            }
        ],
    }
    scenario = Question.model_validate(data)
    echoed = grade_answer(scenario, "The pods loaded the model at startup.").points[1]
    assert echoed.status == "missed"
    assert grade_answer(scenario, "I'd do a rollout restart so pods load version 11.").points[1].covered
    assert grade_answer(scenario, "I would roll back at once.").points[0].covered
    turn = grade_answer(scenario, "Since we did roll back already.", asked="We did roll back already.")
    assert not turn.points[0].covered


# Generic words --------------------------------------------------------------------------------------------------


IMPACT = question(point("Sizes the business impact of the outage", "impact", "revenue lost"))


def test_one_generic_word_with_nothing_specific_is_possible() -> None:
    for answer in ("It had a big impact.", "The impact was bad.", "Impact matters."):
        result = grade_answer(IMPACT, answer).points[0]
        assert result.status == "possible", answer
        assert result.reason is not None
        assert result.reason.startswith("one generic word")


def test_one_generic_word_next_to_something_specific_counts() -> None:
    for answer in (
        "The impact was 3% of checkout sessions for two hours.",
        "The outage impact hit the Stripe webhook consumers.",
        "I sized the business impact before anything else.",
    ):
        assert grade_answer(IMPACT, answer).points[0].covered, answer


# Asking points need a question ---------------------------------------------------------------------------------


TEAM = question(
    point("Asks about the actual structure of the team they would join", "team structure", "report to", "how big"),
    point("States a team-size preference", "small team"),
    prompt="What size of team do you do your best work in?",
    kind="screen",
)


@pytest.mark.parametrize(
    "answer",
    [
        "How big is the team I would join, and who would I report to?",
        "Who would I report to? And what is the team structure?",
        "I'd ask about the team structure and who I would report to.",
        "I would want to know how big the team is.",
        "What is the team structure like.",
        "Could you tell me who I would report to?",
    ],
)
def test_an_asking_point_is_shown_by_a_question(answer: str) -> None:
    assert grade_answer(TEAM, answer).points[0].covered, answer


@pytest.mark.parametrize(
    "answer",
    [
        "I reported to a data science manager and the team structure was flat.",
        "My last team structure was two pods; I used to report to the head of data.",
        "I know how big the team is from the job ad.",
    ],
)
def test_a_statement_containing_the_words_is_not_asking(answer: str) -> None:
    result = grade_answer(TEAM, answer).points[0]
    assert not result.covered
    assert result.reason is not None
    assert result.reason.startswith("a statement, not a question")


def test_a_question_about_a_statement_point_is_only_possible() -> None:
    result = grade_answer(TEAM, "Is a small team better?").points[1]
    assert result.status == "possible"


# Typo tolerance only for typos ---------------------------------------------------------------------------------


RESTORE = question(point("Restores from the last checkpoint", "restored", "checkpoint"))


@pytest.mark.parametrize("word", ["restarted", "restocked", "storage", "rested", "reported"])
def test_a_real_word_never_stands_for_another(word: str) -> None:
    assert is_english_word(word)
    result = grade_answer(RESTORE, f"Then the service was {word} and we moved on.").points[0]
    assert not result.matches


@pytest.mark.parametrize(
    ("keyword", "typo"),
    [("restored", "restoerd"), ("checkpoint", "chekpoint"), ("rollback", "rollbak"), ("prometheus", "promethues")],
)
def test_a_non_word_may_be_a_typo(keyword: str, typo: str) -> None:
    assert not is_english_word(typo)
    result = grade_answer(question(point("The point", keyword)), f"I would use the {typo} to fix it.").points[0]
    assert result.covered
    assert result.matches[0].fuzzy


# The three outcomes ---------------------------------------------------------------------------------------------


def test_every_point_has_one_of_three_outcomes_and_covered_points_quote_evidence() -> None:
    answer = (
        "I'd start with a canary at 5%. Maybe shadow traffic too, I guess. "
        "We don't need feature flags. Guardrail metrics decide promotion."
    )
    grade = grade_answer(THREE, answer)
    assert [p.status for p in grade.points] == ["possible", "covered", "missed", "missed", "covered"]
    for result in grade.points:
        if result.covered:
            assert result.evidence is not None
            assert answer[result.evidence.start : result.evidence.end] == result.evidence.text
            assert result.reason is None
        if result.status == "possible":
            assert result.reason is not None
            assert result.rejected
    assert [p.text for p in grade.possible] == ["Shadow"]
    assert grade.score == pytest.approx(2 / 5)
    assert grade.points[2].reason is not None
    assert grade.points[2].reason.startswith("negated:")


def test_the_english_word_list_loads_only_when_grading() -> None:
    code = (
        "import sys, tui_interview.cli, tui_interview.app_factory, tui_interview.domain.grading.grade as g\n"
        "assert 'symspellpy' not in sys.modules, 'imported at start-up'\n"
        "g.grade_answer(g.Question.model_validate({'id': 'q', 'area': 'a', 'kind': 'technical', 'level': 'mid',"
        " 'minutes': 1, 'prompt': 'p', 'points': [{'text': 't', 'keywords': ['rollback']}]}), 'a rollbak')\n"
        "assert 'symspellpy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# Dismissal, attribution, coordination and experience lists -------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "I'd add a canary before the rollout, but honestly I don't think it's worth it.",
        "You could run a canary when traffic is low, but I don't believe that's needed.",
        "A canary is an option, though I'm not convinced it's necessary.",
        "People run a canary, but for a team our size that's overkill.",
        "Teams love a canary. In my experience it's more ceremony than it's worth.",
        "Others will tell you to run a canary, but for an internal tool that's noise.",
        "The canary is harmless to skip here.",
        "Canary and shadow traffic are mostly hype for a team of three.",
        "A canary is a step we don't need.",
    ],
)
def test_a_mention_dismissed_by_a_denied_judgement_or_a_qualified_referring_clause_earns_nothing(
    answer: str,
) -> None:
    assert not canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "I'd run a canary because it doesn't matter if the rollout takes an hour longer.",
        "I'd run a canary; I don't think it's worth skipping.",
        "I'd start a canary at 5%, for a small team it's a cheap safety net.",
        "I think a canary at 5% is worth it here because it limits the blast radius.",
    ],
)
def test_a_judgement_about_something_else_does_not_dismiss_the_mention(answer: str) -> None:
    assert canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "I know the platform people like to run a canary for everything.",
        "I believe everyone runs a canary these days.",
        "I think most teams would start a canary.",
        "Everyone reaches for the usual tools: a canary, a shadow, flags.",
        "The textbook answer: a canary at 5% and then a ramp.",
    ],
)
def test_a_practice_attributed_to_others_behind_a_frame_or_a_colon_is_only_possible(answer: str) -> None:
    result = canary(answer)
    assert not result.covered
    assert result.status == "possible"


@pytest.mark.parametrize(
    "answer",
    [
        "I'd pick the tools: a canary at 5%, then a ramp.",
        "The plan: I'd run a canary at 5% for an hour.",
        "The ML teams are small, so I'd run a canary at 5%.",
    ],
)
def test_a_colon_after_the_candidate_s_own_clause_keeps_the_claim(answer: str) -> None:
    assert canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "Shadow traffic is hype: you mirror requests, run a canary, and nobody looks at it.",
        "Progressive delivery is overkill here: a canary, flags, dashboards.",
    ],
)
def test_what_spells_out_a_dismissed_clause_is_dismissed_with_it(answer: str) -> None:
    assert not canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "I wouldn't use feature flags or a shadow, a blue-green switch is simpler, and no need for a canary.",
        "I would not shadow traffic, and no canary either.",
        "Skip the shadow or the flags, the old pipeline is fine, and no canary.",
    ],
)
def test_a_negation_after_and_starts_afresh_instead_of_cancelling_the_first(answer: str) -> None:
    assert not canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "I wouldn't use feature flags or a shadow, a canary at 5% is what I'd do.",
        "Not a big-bang release or a blue-green switch, a canary at 5% first.",
        "The risk is the rollout, not the model, so a canary at 5% first.",
        "The canary is the safe path, not a full rollout.",
    ],
)
def test_a_negated_list_ends_at_a_comma_after_its_or(answer: str) -> None:
    assert canary(answer).covered


def test_a_negation_before_and_in_a_point_s_text_does_not_reach_the_next_action() -> None:
    documents = question(
        point("Accepts the data cannot be reproduced and documents the gap", "document the gap"),
    )
    assert not grade_answer(documents, "There's no need to document the gap.").points[0].covered
    assert grade_answer(documents, "I'd document the gap in the README.").points[0].covered


@pytest.mark.parametrize(
    "answer",
    [
        "In my team we use Argo Rollouts with a canary, Istio, Flagger, Prometheus and Grafana.",
        "We had a canary, feature flags, Spinnaker, Datadog, PagerDuty and Sentry.",
        "I've worked with a canary setup, Argo CD, Helm, Kustomize and Prometheus.",
        "Our stack is Kubernetes, a canary controller, Linkerd, Grafana and Loki.",
    ],
)
def test_a_list_of_tools_after_a_lead_in_reporting_experience_is_name_dropping(answer: str) -> None:
    assert not canary(answer).covered


@pytest.mark.parametrize(
    "answer",
    [
        "I'd use a canary at 5%, error rates, p99 latency, saturation and a rollback alarm.",
        "We used a canary at 5% because the last full rollout broke checkout for an hour.",
        "I would watch a canary, errors, p99, saturation and the business metric.",
    ],
)
def test_a_plan_or_an_explained_experience_with_a_list_is_not_name_dropping(answer: str) -> None:
    assert canary(answer).covered


@pytest.mark.parametrize(
    ("keyword", "answer", "found"),
    [
        ("I'm an", "I'm an ML engineer at a bank.", ["I'm"]),
        ("I'm an", "I am an ML engineer at a bank.", ["I am"]),
        ("I'm an", "I'd rather not say what I do.", []),
        ("that's why", "That is the team I lead.", []),
        ("that's why", "I want to build platforms, that's why I applied.", ["that's why"]),
        ("that's why", "I want to build platforms, that is why I applied.", ["that is why"]),
    ],
)
def test_a_contraction_in_a_keyword_stands_for_itself_not_its_first_word(
    keyword: str, answer: str, found: list[str]
) -> None:
    result = grade_answer(question(point("Opens with their current role and focus", keyword)), answer).points[0]
    assert [m.text for m in result.matches] + [r.match.text for r in result.rejected] == found


@pytest.mark.parametrize("answer", ["I'm not currently in a role.", "I'm never the one on call.", "We're not a team."])
def test_a_negation_right_after_a_keyword_s_own_verb_negates_it(answer: str) -> None:
    keywords = ("I'm", "We're")
    result = grade_answer(question(point("Opens with their role", *keywords)), answer).points[0]
    assert not result.covered
    assert result.rejected
    assert all("negated" in r.reason for r in result.rejected)
