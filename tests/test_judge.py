"""The optional LLM judge against a real chat-completions server on loopback, with scripted replies."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.judge_server import MODEL, JudgeServer, Scripted, completion, reply, running_judge_server
from tui_interview.domain.bank.pack import Question
from tui_interview.domain.config import JudgeConfig
from tui_interview.domain.grading.judge import (
    INSTALL_HINT,
    JudgeVerdict,
    build_request,
    cache_key,
    check_endpoint,
    judge_answer,
    judge_available,
)
from tui_interview.domain.locations import judge_cache_dir

ANSWER = (
    "First I would pause the rollout and agree a rollback threshold with the team.\n\n"
    "Then I'd compare   online feature distributions with the training data, feature by feature."
)


@pytest.fixture
def server() -> Iterator[JudgeServer]:
    with running_judge_server() as script:
        yield script


@pytest.fixture(autouse=True)
def no_judge_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("TUI_INTERVIEW_JUDGE_URL", "TUI_INTERVIEW_JUDGE_MODEL", "TUI_INTERVIEW_JUDGE_TIMEOUT"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.delenv("TUI_INTERVIEW_JUDGE_API_KEY_ENV", raising=False)


def config_for(server: JudgeServer, **overrides: Any) -> JudgeConfig:
    values: dict[str, Any] = {"base_url": server.base_url, "model": MODEL, "timeout_seconds": 5.0}
    values.update(overrides)
    return JudgeConfig(**values)


def make_question(**extra: Any) -> Question:
    data: dict[str, Any] = {
        "id": "serving-canary-drop",
        "area": "serving",
        "kind": "technical",
        "level": "mid",
        "minutes": 5,
        "prompt": "Conversion in a canary dropped. What do you do?",
        "points": [
            {"text": "Stops the rollout and sets a rollback criterion", "keywords": ["pause the rollout"]},
            {"text": "Compares online features with training", "keywords": ["feature distributions"]},
            {"text": "Rolls back by moving the registry alias", "keywords": ["registry alias"]},
        ],
    }
    data.update(extra)
    return Question.model_validate(data)


def flagged_question() -> Question:
    return make_question(
        red_flags=[
            {"text": "Widen the canary to get significance faster", "keywords": ["widen the canary"], "why": "risk"},
            {
                "text": "Offline NDCG proves the model is better",
                "keywords": ["ndcg proves"],
                "why": "offline only",
                "contradicts": 1,
            },
        ]
    )


# Good replies -----------------------------------------------------------------------------------------------


def test_a_good_reply_gives_a_verdict_per_point_with_located_evidence(server: JudgeServer) -> None:
    server.chat = reply(
        ("covered", "pause the rollout and agree a rollback threshold", "stops and sets a threshold"),
        ("covered", "compare online feature distributions", "compares distributions"),
        ("missed", "", "no rollback mechanism"),
    )
    verdict = judge_answer(make_question(), ANSWER, config_for(server))

    assert verdict.ok
    assert verdict.model == MODEL
    assert not verdict.cached
    assert [p.status for p in verdict.points] == ["covered", "covered", "missed"]
    first, second, third = verdict.points
    assert first.start is not None
    assert ANSWER[first.start : first.end] == first.quote
    assert first.quote == "pause the rollout and agree a rollback threshold"
    assert first.reason == "stops and sets a threshold"
    # The quote was written with single spaces; the answer has three. The span covers the original text.
    assert second.quote == "compare   online feature distributions"
    assert second.start is not None
    assert ANSWER[second.start : second.end] == second.quote
    assert third.quote == ""
    assert third.start is None
    assert verdict.point(1) == second


def test_one_request_per_answer_at_temperature_zero_with_a_json_schema(server: JudgeServer) -> None:
    server.chat = reply(("missed", "", "-"), ("missed", "", "-"), ("missed", "", "-"))
    judge_answer(make_question(), ANSWER, config_for(server))

    [request] = server.received
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    body = request.body
    assert body["model"] == MODEL
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["points"]["items"]["properties"]["id"]["enum"] == ["p1", "p2", "p3"]
    prompt = body["messages"][-1]["content"]
    for point in make_question().all_points:
        assert point.text in prompt
    assert ANSWER in prompt
    assert "authorization" not in request.headers


def test_scenario_steps_and_their_points_are_judged_in_the_same_request(server: JudgeServer) -> None:
    question = make_question(
        kind="scenario",
        steps=[
            {
                "reveal": "One feature is null for 30% of requests.",
                "points": [{"text": "Names skew", "keywords": ["skew"]}],
            }
        ],
    )
    server.chat = reply(*[("missed", "", "-")] * 4)
    verdict = judge_answer(question, ANSWER, config_for(server))
    assert verdict.ok
    assert len(verdict.points) == 4
    prompt = server.received[0].body["messages"][-1]["content"]
    assert "One feature is null for 30% of requests." in prompt
    assert "p4: Names skew" in prompt


def test_case_and_typographic_differences_in_a_quote_still_find_the_words(server: JudgeServer) -> None:
    answer = "I\u2019d PAUSE the rollout \u2014 then check the p99 latency"
    server.chat = reply(
        ("covered", '"I\'d pause the rollout - then check"', "ok"),
        ("missed", "", "-"),
        ("possible", "the P99 latency.", "hint"),
    )
    verdict = judge_answer(make_question(), answer, config_for(server))
    first, _, third = verdict.points
    assert first.status == "covered"
    assert first.quote == "I\u2019d PAUSE the rollout \u2014 then check"
    assert third.status == "possible"
    assert third.quote == "the p99 latency"


# Evidence the answer does not contain -----------------------------------------------------------------------


def test_a_hallucinated_quote_earns_nothing(server: JudgeServer) -> None:
    server.chat = reply(
        ("covered", "I would halt the canary at once", "stops the rollout"),  # not in the answer
        ("possible", "shadow traffic comparison", "hint"),  # not in the answer either
        ("covered", "", "no quote at all"),
    )
    verdict = judge_answer(make_question(), ANSWER, config_for(server))

    assert verdict.ok
    assert [p.status for p in verdict.points] == ["possible", "possible", "possible"]
    assert all(p.quote == "" and p.start is None and p.end is None for p in verdict.points)
    assert verdict.points[0].discarded_quote == "I would halt the canary at once"
    assert verdict.points[2].discarded_quote is None
    assert not any(p.status == "covered" for p in verdict.points)


def test_red_flags_are_sent_and_only_quoted_ones_are_reported(server: JudgeServer) -> None:
    question = flagged_question()
    answer = ANSWER + " Offline NDCG proves the model is better, so I would widen it."
    server.chat = reply(
        ("missed", "", "-"),
        ("missed", "", "-"),
        ("missed", "", "-"),
        red_flags=(("r2", "offline NDCG proves the model is better"), ("r1", "we should widen the canary")),
    )
    verdict = judge_answer(question, answer, config_for(server))

    assert verdict.ok
    [flag] = verdict.red_flags
    assert flag.index == 1
    assert answer[flag.start : flag.end] == flag.quote == "Offline NDCG proves the model is better"
    body = server.received[0].body
    assert "r1: Widen the canary to get significance faster" in body["messages"][-1]["content"]
    assert (
        "r2: Offline NDCG proves the model is better (wrong because: offline only) (contradicts p2)"
        in (body["messages"][-1]["content"])
    )
    flag_schema = body["response_format"]["json_schema"]["schema"]["properties"]["red_flags"]
    assert flag_schema["items"]["properties"]["id"]["enum"] == ["r1", "r2"]


def test_a_question_without_red_flags_asks_for_none() -> None:
    body = build_request(make_question(), ANSWER, MODEL)
    assert "Red flags" not in body["messages"][-1]["content"]
    assert body["response_format"]["json_schema"]["schema"]["properties"]["red_flags"]["maxItems"] == 0


# Replies that cannot be used --------------------------------------------------------------------------------


def reply_text(points: list[dict[str, Any]], red_flags: list[dict[str, Any]] | None = None) -> str:
    return json.dumps({"points": points, "red_flags": red_flags or []})


def missed(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"p{n}", "status": "missed", "quote": "", "reason": "-", **extra}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("this is not JSON {", "not usable"),
        (reply_text([]), "p1, p2, p3"),
        (reply_text([missed(1)]), "got p1"),
        (reply_text([missed(1), missed(1), missed(2)]), "got p1, p1, p2"),
        (reply_text([missed(1), missed(2), missed(3, status="maybe")]), "status"),
        (reply_text([missed(1), missed(2), missed(3, score=1)]), "score"),
        (reply_text([missed(1), missed(2), missed(3, reason=None)]), "reason"),
        (reply_text([missed(1), missed(2), missed(3)], [{"id": "r9", "quote": "pause", "reason": "-"}]), "r9"),
        ('{"points": []}', "red_flags"),
        ("", "empty"),
    ],
)
def test_a_malformed_reply_leaves_an_error_and_no_verdict(server: JudgeServer, content: str, expected: str) -> None:
    server.chat = Scripted(completion(content))
    verdict = judge_answer(make_question(), ANSWER, config_for(server))
    assert not verdict.ok
    assert verdict.points == ()
    assert verdict.error is not None
    assert expected in verdict.error
    assert "\n" not in verdict.error


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html>oops</html>", "not JSON"),
        ({"choices": []}, "choices[0]"),
        (completion('{"points": [', finish_reason="length"), "cut off"),
    ],
)
def test_a_response_that_is_not_a_chat_completion_leaves_an_error(
    server: JudgeServer, body: Any, expected: str
) -> None:
    server.chat = Scripted(body)
    verdict = judge_answer(make_question(), ANSWER, config_for(server))
    assert verdict.error is not None
    assert expected in verdict.error


def test_a_fenced_json_reply_is_accepted(server: JudgeServer) -> None:
    content = {"points": [{"id": f"p{n}", "status": "missed", "quote": "", "reason": "-"} for n in (1, 2, 3)]}
    content["red_flags"] = []
    server.chat = Scripted(completion("```json\n" + json.dumps(content) + "\n```"))
    assert judge_answer(make_question(), ANSWER, config_for(server)).ok


# The endpoint misbehaving ------------------------------------------------------------------------------------


def test_a_slow_reply_times_out_with_an_error(server: JudgeServer) -> None:
    server.chat = Scripted(completion("{}"), delay=3.0)
    started = time.monotonic()
    verdict = judge_answer(make_question(), ANSWER, config_for(server, timeout_seconds=0.3))
    assert time.monotonic() - started < 2.5
    assert verdict.error == f"the judge at {server.base_url} did not answer within 0.3 s"
    assert verdict.points == ()


def test_a_server_error_leaves_an_error_naming_the_status(server: JudgeServer) -> None:
    server.chat = Scripted({"error": {"message": "model crashed"}}, status=500)
    verdict = judge_answer(make_question(), ANSWER, config_for(server))
    assert verdict.error is not None
    assert "HTTP 500" in verdict.error
    assert "model crashed" in verdict.error


def test_a_wrong_path_suggests_v1(server: JudgeServer) -> None:
    config = config_for(server, base_url=server.base_url.removesuffix("/v1"))
    verdict = judge_answer(make_question(), ANSWER, config)
    assert verdict.error is not None
    assert "HTTP 404" in verdict.error
    assert "/v1" in verdict.error


def test_nothing_listening_leaves_a_connection_error() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = JudgeConfig(f"http://127.0.0.1:{port}/v1", MODEL, 2.0)
    verdict = judge_answer(make_question(), ANSWER, config)
    assert verdict.error is not None
    assert verdict.error.startswith("cannot reach the judge at http://127.0.0.1:")
    ok, message = check_endpoint(config)
    assert not ok
    assert message.startswith("cannot reach")


def test_no_judge_configured_makes_no_request(server: JudgeServer) -> None:
    verdict = judge_answer(make_question(), ANSWER, JudgeConfig(base_url=server.base_url))
    assert verdict.error is not None
    assert "no judge configured" in verdict.error
    assert server.received == []


# The API key ------------------------------------------------------------------------------------------------


def test_the_api_key_is_sent_as_a_bearer_header_and_written_nowhere(
    server: JudgeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-5f2c9d1e-very-secret"
    monkeypatch.setenv("MY_JUDGE_KEY", secret)
    server.chat = reply(("covered", "pause the rollout", "ok"), ("missed", "", "-"), ("missed", "", "-"))
    cache = judge_cache_dir(tmp_path / "home")
    config = config_for(server, api_key_env="MY_JUDGE_KEY")

    verdict = judge_answer(make_question(), ANSWER, config, cache_dir=cache)
    ok, _ = check_endpoint(config)

    assert verdict.ok
    assert ok
    assert [r.headers["authorization"] for r in server.received] == [f"Bearer {secret}"] * 2
    assert secret not in repr(config)
    assert secret not in repr(verdict)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written, "the verdict was cached"
    for path in written:
        assert secret.encode() not in path.read_bytes(), path


def test_a_named_key_variable_that_is_unset_is_reported_before_any_request(server: JudgeServer) -> None:
    config = config_for(server, api_key_env="UNSET_JUDGE_KEY_FOR_TESTS")
    verdict = judge_answer(make_question(), ANSWER, config)
    assert verdict.error == "the environment variable UNSET_JUDGE_KEY_FOR_TESTS (judge.api_key_env) is not set"
    assert check_endpoint(config) == (False, verdict.error)
    assert server.received == []


# The cache --------------------------------------------------------------------------------------------------


def test_a_verdict_is_cached_by_question_answer_and_model(server: JudgeServer, tmp_path: Path) -> None:
    cache = judge_cache_dir(tmp_path)
    server.chat = reply(("covered", "pause the rollout", "ok"), ("missed", "", "-"), ("missed", "", "-"))
    question, config = make_question(), config_for(server)

    first = judge_answer(question, ANSWER, config, cache_dir=cache)
    again = judge_answer(question, ANSWER, config, cache_dir=cache)
    assert len(server.chat_requests) == 1
    assert again.cached
    assert again.points == first.points
    assert again.model == first.model
    assert [p.name for p in cache.iterdir()] == [f"{cache_key(question, ANSWER, MODEL)}.json"]

    judge_answer(question, ANSWER + " And I would page the owner.", config, cache_dir=cache)
    judge_answer(question, ANSWER, config_for(server, model="other-model"), cache_dir=cache)
    changed = make_question(prompt="Conversion in a 5% canary dropped. What now?")
    judge_answer(changed, ANSWER, config, cache_dir=cache)
    assert len(server.chat_requests) == 4
    assert not list(cache.glob(".*.tmp")), "no temporary files left behind"


def test_errors_are_not_cached_and_a_corrupt_cache_is_asked_again(server: JudgeServer, tmp_path: Path) -> None:
    cache = tmp_path / "judge"
    question, config = make_question(), config_for(server)
    server.chat = Scripted({"error": "busy"}, status=500)
    assert not judge_answer(question, ANSWER, config, cache_dir=cache).ok
    assert not cache.exists() or not list(cache.iterdir())

    cache.mkdir(exist_ok=True)
    (cache / f"{cache_key(question, ANSWER, MODEL)}.json").write_text("{ not json")
    server.chat = reply(("missed", "", "-"), ("missed", "", "-"), ("missed", "", "-"))
    verdict = judge_answer(question, ANSWER, config, cache_dir=cache)
    assert verdict.ok
    assert not verdict.cached
    assert judge_answer(question, ANSWER, config, cache_dir=cache).cached


def test_a_verdict_round_trips_through_plain_data() -> None:
    verdict = JudgeVerdict(MODEL, error="x")
    assert JudgeVerdict.from_dict(json.loads(json.dumps(verdict.to_dict()))) == verdict


# Without httpx ----------------------------------------------------------------------------------------------


def test_without_httpx_the_judge_says_how_to_install_it(server: JudgeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)
    assert judge_available() == INSTALL_HINT
    assert 'install "tui-interview[judge]"' in INSTALL_HINT
    verdict = judge_answer(make_question(), ANSWER, config_for(server))
    assert verdict.error == INSTALL_HINT
    assert check_endpoint(config_for(server)) == (False, INSTALL_HINT)
    assert server.received == []


# Checking the endpoint --------------------------------------------------------------------------------------


def test_check_endpoint_lists_the_models_and_finds_ours(server: JudgeServer) -> None:
    server.models = Scripted({"object": "list", "data": [{"id": "llama3.1:latest"}, {"id": MODEL}]})
    ok, message = check_endpoint(config_for(server))
    assert ok
    assert MODEL in message
    assert "llama3.1:latest" in message
    assert server.received[0].method == "GET"
    assert server.received[0].path == "/v1/models"
    assert check_endpoint(config_for(server, model="llama3.1"))[0], "Ollama's :latest tag is implied"


def test_check_endpoint_says_when_our_model_is_missing(server: JudgeServer) -> None:
    server.models = Scripted({"data": [{"id": "a"}, {"id": "b"}]})
    ok, message = check_endpoint(config_for(server))
    assert not ok
    assert repr(MODEL) in message
    assert "a, b" in message


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (Scripted({"error": "down"}, status=500), "HTTP 500"),
        (Scripted({"models": "?"}), "not with an OpenAI-style model list"),
        (Scripted({"data": []}, delay=3.0), "did not answer within"),
    ],
)
def test_check_endpoint_reports_a_failing_endpoint(server: JudgeServer, models: Scripted, expected: str) -> None:
    server.models = models
    ok, message = check_endpoint(config_for(server, timeout_seconds=0.3))
    assert not ok
    assert expected in message


def test_check_endpoint_without_a_url() -> None:
    assert check_endpoint(JudgeConfig()) == (False, "no judge configured: set judge.base_url and judge.model")
