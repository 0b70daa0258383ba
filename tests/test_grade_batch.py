"""``grade --batch``, ``grade --judge`` and ``judge check`` on the command line, the judge on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, TEST_PACK, run_cli
from tests.judge_server import (
    MODEL,
    JudgeServer,
    Scripted,
    ScriptedHandler,
    ScriptedServer,
    reply,
    running_judge_server,
)

QUESTION = "recruiter-q1"
ANSWER = "I would look at the p99 and roll back."
JUDGE_VARIABLES = (
    "TUI_INTERVIEW_JUDGE_URL",
    "TUI_INTERVIEW_JUDGE_MODEL",
    "TUI_INTERVIEW_JUDGE_TIMEOUT",
    "TUI_INTERVIEW_JUDGE_API_KEY_ENV",
)


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No judge unless a test sets one up: the settings file is one that does not exist."""
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("TUI_INTERVIEW_CONFIG", str(path))
    for variable in JUDGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return path


@pytest.fixture
def judge_server() -> Iterator[JudgeServer]:
    """The scripted chat-completions server of ``test_judge``, on a free loopback port."""
    with running_judge_server() as script:
        yield script


@pytest.fixture
def judge_configured(judge_server: JudgeServer, no_user_config: Path) -> JudgeServer:
    """A ``config.toml`` naming the loopback server and its model."""
    no_user_config.parent.mkdir(parents=True, exist_ok=True)
    no_user_config.write_text(
        f'[judge]\nbase_url = "{judge_server.base_url}"\nmodel = "{MODEL}"\ntimeout_seconds = 5\n', encoding="utf-8"
    )
    return judge_server


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def grade_json_of(capsys: pytest.CaptureFixture[str], tmp_path: Path, question: str, answer: str) -> dict[str, Any]:
    answer_file = write(tmp_path / "single.txt", answer)
    code, out, _ = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", question, "--answer", str(answer_file), "--json"
    )
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


# grade (text) ---------------------------------------------------------------------------------------------


def test_grade_text_marks_each_point_and_quotes_its_evidence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = write(tmp_path / "a.txt", "Maybe I would look at it. I would never roll back.")
    code, out, err = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(answer))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[1].startswith("Coverage 0% (0 of 3 points")
    assert lines[2] == "Graded by: offline grader"
    marks = [line[0] for line in lines[3:] if line and line[0] in "✓?✗"]
    assert len(marks) == 3
    assert "✗ Says how to roll back" in lines
    assert any(line.startswith("    not credited: negated") for line in lines)
    assert "decided by" not in out  # only shown when the judge took part


def test_grade_text_shows_possible_points_as_check_this(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Find an answer the offline grader is unsure about, through the JSON, then read its text rendering.
    answer = "I guess maybe one could look at something, not sure."
    result = grade_json_of(capsys, tmp_path, QUESTION, answer)
    possible = [p for p in result["points"] if p["status"] == "possible"]
    if not possible:
        pytest.skip("the offline grader is not unsure about this answer any more")
    code, out, _ = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(tmp_path / "single.txt")
    )
    assert code == 0
    lines = out.splitlines()
    line = f"? {possible[0]['text']} — check this"
    assert line in lines
    assert lines[lines.index(line) + 1].startswith('    evidence: "')
    assert f"{len(possible)} to check" in lines[1]


# grade --batch --------------------------------------------------------------------------------------------


def test_batch_grades_each_line_like_grade_json_and_reports_bad_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    expected = grade_json_of(capsys, tmp_path, QUESTION, ANSWER)
    batch = write(
        tmp_path / "answers.jsonl",
        "\n".join(
            [
                json.dumps({"id": "a1", "question": QUESTION, "answer": ANSWER}),
                "",
                "{oops",
                json.dumps({"id": "a3", "question": "recruiter-q99", "answer": ANSWER}),
                json.dumps([QUESTION, ANSWER]),
                json.dumps({"question": QUESTION}),
                json.dumps({"question": "recruiter-q2", "answer": "I would revert it."}),
            ]
        )
        + "\n",
    )
    code, out, err = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--batch", str(batch))
    assert code == 1
    assert err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == [1, 3, 4, 5, 6, 7]

    first = results[0]
    assert first["id"] == "a1"
    assert {key: value for key, value in first.items() if key not in ("id", "line")} == expected
    assert first["graded_by"] == "grader"
    assert first["judge"] is None
    assert all(point["decided_by"] == "grader" for point in first["points"])

    bad_json, unknown, not_object, no_answer = results[1:5]
    assert set(bad_json) == {"line", "error"}
    assert bad_json["error"].startswith("not JSON: ")
    assert unknown == {
        "line": 4,
        "id": "a3",
        "question": "recruiter-q99",
        "error": unknown["error"],
    }
    assert unknown["error"].startswith("unknown question 'recruiter-q99' in pack ")
    assert not_object["error"] == 'expected an object {"question": ID, "answer": TEXT}, got list'
    assert no_answer == {"line": 6, "question": QUESTION, "error": '"answer" must be the answer text (a string)'}

    last = results[5]
    assert last["question"] == "recruiter-q2"
    assert "error" not in last
    assert {"coverage", "points", "notes", "red_flags", "graded_by"} <= set(last)


def test_a_batch_without_bad_lines_exits_0_and_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    lines = "".join(json.dumps({"question": QUESTION, "answer": ANSWER}) + "\n" for _ in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    code, out, _ = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--batch", "-")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3]
    assert all(r["coverage"] == 1.0 for r in results)


def test_a_line_that_is_not_utf8_is_an_error_for_that_line_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = tmp_path / "answers.jsonl"
    good = json.dumps({"question": QUESTION, "answer": ANSWER}).encode()
    batch.write_bytes(b'{"question": "recruiter-q1", "answer": "\xff"}\n' + good + b"\n")
    code, out, _ = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--batch", str(batch))
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {"line": 1, "error": "not UTF-8 text (byte 0xff at offset 40)"}
    assert second["line"] == 2
    assert second["coverage"] == 1.0


def test_batch_usage_and_file_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "grade", "--batch", str(tmp_path / "x.jsonl"), "--question", QUESTION)
    assert (code, out) == (2, "")
    assert (
        err == "tui-interview grade: error: --batch grades the answers in its file: leave out --question and --answer\n"
    )

    code, out, err = run_cli(capsys, "grade", "--question", QUESTION)
    assert (code, out) == (2, "")
    assert err == "tui-interview grade: error: give --question ID and --answer FILE, or --batch FILE.jsonl\n"

    code, out, err = run_cli(capsys, "grade", "--batch", str(tmp_path / "missing.jsonl"))
    assert (code, out) == (1, "")
    assert err == f"cannot read batch file {tmp_path / 'missing.jsonl'}: no such file\n"


# grade --judge --------------------------------------------------------------------------------------------


def test_grade_judge_without_a_configured_judge_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_user_config: Path
) -> None:
    answer = write(tmp_path / "a.txt", ANSWER)
    for extra in (["--question", QUESTION, "--answer", str(answer)], ["--batch", str(answer)]):
        code, out, err = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--judge", *extra)
        assert (code, out) == (1, "")
        assert err == (
            f"no LLM judge configured: set judge.base_url and judge.model in {no_user_config} "
            "(or $TUI_INTERVIEW_JUDGE_URL and $TUI_INTERVIEW_JUDGE_MODEL)\n"
        )


def test_grade_judge_without_httpx_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_MODEL", MODEL)
    monkeypatch.setitem(sys.modules, "httpx", None)
    answer = write(tmp_path / "a.txt", ANSWER)
    code, out, err = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(answer), "--judge"
    )
    assert (code, out) == (1, "")
    assert err == 'the LLM judge needs httpx: pip install "tui-interview[judge]"\n'


def test_grade_judge_merges_the_verdict_end_to_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, judge_configured: JudgeServer
) -> None:
    judge_configured.chat = reply(
        ("covered", "I would look at the p99", "a first check"),
        ("covered", "the p99", "a number to watch"),
        ("missed", "", "says roll back but not how"),
    )
    answer = write(tmp_path / "a.txt", ANSWER)
    argv = ["grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(answer), "--judge"]
    code, out, err = run_cli(capsys, *argv)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[1] == "Coverage 67% (2 of 3 points)"
    assert lines[2] == f"Graded by: LLM judge {MODEL}, checked by the offline rules"
    assert "✗ Says how to roll back" in lines
    assert "    judge: says roll back but not how" in lines, out
    assert lines.count("    decided by: judge") == 3
    assert len(judge_configured.chat_requests) == 1

    # The verdict is cached: the JSON run asks nothing and says so.
    code, out, _ = run_cli(capsys, *argv, "--json")
    assert code == 0
    result = json.loads(out)
    assert len(judge_configured.chat_requests) == 1
    assert result["graded_by"] == "judge"
    assert result["judge"] == {"model": MODEL, "cached": True, "error": None, "offline_coverage": 1.0}
    assert [p["status"] for p in result["points"]] == ["covered", "covered", "missed"]
    assert [p["decided_by"] for p in result["points"]] == ["judge", "judge", "judge"]
    assert result["points"][0]["evidence"] == {"start": 0, "end": 23, "text": "I would look at the p99"}


def test_grade_judge_credit_for_a_negated_mention_is_vetoed_end_to_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, judge_configured: JudgeServer
) -> None:
    text = "I would look at the p99 first. I would not roll back."
    judge_configured.chat = reply(
        ("covered", "I would look at the p99 first.", "a first check"),
        ("covered", "the p99", "a number"),
        ("covered", "I would not roll back.", "mentions rolling back"),
    )
    answer = write(tmp_path / "a.txt", text)
    code, out, _ = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(answer), "--judge", "--json"
    )
    assert code == 0
    third = json.loads(out)["points"][2]
    assert third["status"] == "missed"
    assert third["decided_by"] == "grader"
    assert "overrules the judge, which said covered" in third["reason"]


def test_when_the_judge_fails_the_offline_grade_stands_and_stderr_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, judge_configured: JudgeServer
) -> None:
    judge_configured.chat = Scripted({"error": "boom"}, status=500)
    answer = write(tmp_path / "a.txt", ANSWER)
    code, out, err = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", QUESTION, "--answer", str(answer), "--judge"
    )
    assert code == 0
    assert "Coverage 100% (3 of 3 points)" in out
    assert "Graded by: offline grader (the LLM judge could not be used)" in out
    assert "Note: the LLM judge could not be used (" in out
    assert err.startswith("note: the LLM judge could not be used (")
    assert "HTTP 500" in err
    assert err.count("\n") == 1


def test_batch_with_the_judge_asks_once_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, judge_configured: JudgeServer
) -> None:
    judge_configured.chat = reply(("missed", "", "-"), ("covered", "the p99", "a number"), ("missed", "", "-"))
    batch = write(
        tmp_path / "answers.jsonl",
        json.dumps({"question": QUESTION, "answer": ANSWER})
        + "\n"
        + json.dumps({"question": QUESTION, "answer": "I would check the p99 and roll back."})
        + "\n",
    )
    code, out, _ = run_cli(capsys, "grade", "--pack", str(TEST_PACK), "--batch", str(batch), "--judge")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(judge_configured.chat_requests) == 2
    assert all(r["graded_by"] == "judge" for r in results)
    assert [p["status"] for p in results[0]["points"]] == ["missed", "covered", "missed"]


# judge check ----------------------------------------------------------------------------------------------


def test_judge_check_says_the_endpoint_answers_and_the_model_is_listed(
    capsys: pytest.CaptureFixture[str], judge_configured: JudgeServer, no_user_config: Path
) -> None:
    code, out, err = run_cli(capsys, "judge", "check")
    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        f"ok: {judge_configured.base_url} answers; model {MODEL!r} is available (models: {MODEL})",
        f"settings: {no_user_config}",
    ]
    assert [r.path for r in judge_configured.received] == ["/v1/models"]


def test_judge_check_when_the_model_is_not_listed_exits_1(
    capsys: pytest.CaptureFixture[str], judge_server: JudgeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_URL", judge_server.base_url)
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_MODEL", "other-model")
    code, out, err = run_cli(capsys, "judge", "check")
    assert (code, out) == (1, "")
    first, second = err.splitlines()
    assert first == f"not ok: {judge_server.base_url} answers, but model 'other-model' is not among its models: {MODEL}"
    assert second.endswith("(not found); from the environment: judge.base_url, judge.model")


def test_judge_check_when_nothing_answers_or_nothing_is_configured(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_user_config: Path
) -> None:
    code, out, err = run_cli(capsys, "judge", "check")
    assert (code, out) == (1, "")
    assert err.startswith(f"no LLM judge configured: set judge.base_url and judge.model in {no_user_config}")

    httpd = ScriptedServer(("127.0.0.1", 0), ScriptedHandler)  # a port nobody listens on once closed
    port = httpd.server_address[1]
    httpd.server_close()
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("TUI_INTERVIEW_JUDGE_MODEL", MODEL)
    code, out, err = run_cli(capsys, "judge", "check")
    assert (code, out) == (1, "")
    assert err.startswith(f"not ok: cannot reach the judge at http://127.0.0.1:{port}/v1")


def test_judge_without_a_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "judge")
    assert exit_info.value.code == 2


# Start-up cost ----------------------------------------------------------------------------------------------


def test_batch_grading_and_judge_check_do_not_import_textual(tmp_path: Path, no_user_config: Path) -> None:
    batch = write(tmp_path / "b.jsonl", json.dumps({"question": QUESTION, "answer": ANSWER}) + "\n")
    script = (
        "import sys\n"
        "from tui_interview.cli import main\n"
        f"assert main(['grade', '--pack', {str(TEST_PACK)!r}, '--batch', {str(batch)!r}]) == 0\n"
        "assert main(['judge', 'check']) == 1\n"
        "print('textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "TUI_INTERVIEW_CONFIG": str(no_user_config)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == "False False"
