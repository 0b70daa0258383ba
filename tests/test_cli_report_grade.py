"""The grade and report commands: one answer graded from a file, a saved session exported as md, html or json."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests.helpers import REPO, START, TEST_PACK, played_session, run_cli
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.locations import default_pack_dir, sessions_dir
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore

QUESTION = "serving-scn-registry-alias-rollback"
ANSWER = (
    "First, I would move the champion alias back to the previous model version in the registry, "
    "so the rollback takes seconds."
)
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------
# grade
# ---------------------------------------------------------------------------------------------------------


def test_grade_json_has_the_documented_shape_in_pack_order(
    capsys: pytest.CaptureFixture[str], answer_file: Path
) -> None:
    code, out, err = run_cli(capsys, "grade", "--question", QUESTION, "--answer", str(answer_file), "--json")
    assert code == 0
    assert err == ""
    result = json.loads(out)
    assert {"question", "coverage", "points", "notes", "red_flags"} <= set(result)
    assert result["question"] == QUESTION
    question = load_pack(default_pack_dir()).by_id[QUESTION]
    assert [p["text"] for p in result["points"]] == [p.text for p in question.all_points]
    assert all({"text", "covered", "matched", "status", "evidence", "reason"} <= set(p) for p in result["points"])
    assert result["coverage"] == pytest.approx(1 / len(question.all_points), abs=1e-4)
    covered = [p for p in result["points"] if p["covered"]]
    assert [p["text"] for p in covered] == ["Mitigates first by pointing the alias back to version 11 before debugging"]
    assert "move the alias back" in covered[0]["matched"]


def test_grade_text_shows_coverage_ticks_matches_and_rejections(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text(ANSWER + " I would not restart the pods.", encoding="utf-8")
    code, out, _ = run_cli(capsys, "grade", "--question", QUESTION, "--answer", str(answer))
    lines = out.splitlines()
    pack = load_pack(default_pack_dir())
    question = pack.by_id[QUESTION]
    assert code == 0
    assert lines[0] == f"{QUESTION} — {question.kind}, {pack.area_titles[question.area]}, {question.level}"
    assert lines[1] == f"Coverage {1 / len(question.all_points):.0%} (1 of {len(question.all_points)} points)"
    assert f"✓ {question.points[1].text}" in lines
    assert lines[lines.index(f"✓ {question.points[1].text}") + 1].startswith("    matched: move the alias back")
    assert sum(line[0] in "✓✗" for line in lines if line) == len(question.all_points)
    assert "    not credited: negated: 'not restart the pods'" in lines


def test_grade_reads_the_answer_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ANSWER.encode("utf-8"))))
    code, out, _ = run_cli(capsys, "grade", "--question", QUESTION, "--answer", "-", "--json")
    assert code == 0
    assert json.loads(out)["coverage"] > 0


def test_grade_uses_the_pack_given(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("I would look at the p99 and roll back.", encoding="utf-8")
    code, out, _ = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", "recruiter-q1", "--answer", str(answer)
    )
    assert code == 0
    assert "Coverage 100% (3 of 3 points)" in out


def test_grade_of_an_unknown_question_suggests_close_ids(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    code, out, err = run_cli(
        capsys, "grade", "--question", "serving-scn-registry-alias-rolback", "--answer", str(answer_file)
    )
    assert code == 1
    assert out == ""
    assert err.startswith("unknown question 'serving-scn-registry-alias-rolback' in pack 'mlops'; did you mean ")
    assert QUESTION in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\xff\xfeanswer", "not UTF-8 text (byte 0xff at offset 0)")],
)
def test_grade_of_an_unreadable_answer_file_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "answer.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run_cli(capsys, "grade", "--question", QUESTION, "--answer", str(path))
    assert code == 1
    assert out == ""
    assert err == f"cannot read answer file {path}: {message}\n"


# ---------------------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------------------


def save_session(data_home: Path, hours_later: int, answer: str, *, finished: bool = True) -> SessionRecord:
    """A full loop drawn with seed 5 + ``hours_later``, started that many hours after START: one answer given,
    then (when ``finished``) every other question skipped to the end of the loop."""
    store = SessionStore(sessions_dir(data_home))
    started = START + timedelta(hours=hours_later)
    loop = played_session(store, [answer], seconds_each=0, seed=5 + hours_later, started=started)
    while finished and not loop.finished:
        stage = loop.stage()
        stage.start()
        while not stage.finished:
            stage.skip()
    loop.checkpoint()
    return loop.record


@pytest.fixture
def sessions(data_home: Path) -> tuple[SessionRecord, SessionRecord]:
    """An older session and, saved first so file order does not decide, a newer one."""
    newer = save_session(data_home, 2, f"newer: I would look at the p99 {SCRIPT} and *stars*")
    older = save_session(data_home, 0, "older answer")
    return older, newer


def test_report_latest_prints_markdown_of_the_newest_session(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord]
) -> None:
    older, newer = sessions
    code, out, err = run_cli(capsys, "report")
    assert code == 0
    assert err == ""
    assert out.startswith("# Interview report · Full loop · Test Pack · 2026-11-26 11:30 · seed 7\n")
    assert newer.id in out
    assert older.id not in out
    assert "\\<script\\>alert(1)\\</script\\>" in out
    assert "\\*stars\\*" in out
    assert run_cli(capsys, "report", "latest", "--format", "md")[1] == out


def test_report_html_and_json_to_stdout(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord]
) -> None:
    _, newer = sessions
    code, page, _ = run_cli(capsys, "report", "latest", "--format", "html")
    assert code == 0
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    code, out, _ = run_cli(capsys, "report", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["id"] == newer.id
    assert {"overall", "band", "band_rule", "stages", "areas", "questions", "practice"} <= set(data["scores"])
    assert data["scores"]["questions"][0]["points"][0]["text"] == "Names a concrete first check"


def test_report_of_a_session_by_id_or_path(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord], data_home: Path
) -> None:
    older, _ = sessions
    by_id = run_cli(capsys, "report", older.id)
    assert by_id[0] == 0
    assert older.id in by_id[1]
    assert "older answer" in by_id[1]
    path = sessions_dir(data_home) / f"{older.id}.toml"
    assert run_cli(capsys, "report", str(path)) == by_id


def test_report_to_a_file(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord], tmp_path: Path
) -> None:
    markdown = run_cli(capsys, "report")[1]
    target = tmp_path / "out" / "report.md"
    code, out, _ = run_cli(capsys, "report", "latest", "-o", str(target))
    assert code == 0
    assert out == f"Wrote the report of session {sessions[1].id} to {target}\n"
    assert target.read_text(encoding="utf-8") == markdown
    page = tmp_path / "out" / "report.html"  # the format follows the suffix unless --format says otherwise
    assert run_cli(capsys, "report", "-o", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run_cli(capsys, "report", "--format", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == sessions[1].id
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html", "report.md"]  # no temporary files
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert page.stat().st_mode & 0o777 == 0o666 & ~umask


def test_report_of_an_unknown_session_exits_1(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord]
) -> None:
    older, _ = sessions
    code, out, err = run_cli(capsys, "report", older.id[:-1] + "x")
    assert code == 1
    assert out == ""
    assert err.startswith(f"unknown session '{older.id[:-1]}x': no {older.id[:-1]}x.toml in ")
    assert f"did you mean {older.id}" in err
    assert err.count("\n") == 1


def test_report_of_an_unreadable_session_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nstages = [', encoding="utf-8")
    code, _, err = run_cli(capsys, "report", str(broken))
    assert code == 1
    assert err.startswith(f"{broken}: unreadable:")
    assert "Traceback" not in err
    code, _, err = run_cli(capsys, "report", str(tmp_path / "missing.toml"))
    assert code == 1
    assert err == f"{tmp_path / 'missing.toml'}: no such session file\n"


def test_report_with_no_sessions_exits_1(capsys: pytest.CaptureFixture[str], data_home: Path) -> None:
    code, out, err = run_cli(capsys, "report")
    assert code == 1
    assert out == ""
    assert err == f"no saved sessions in {sessions_dir(data_home)}; start one with: tui-interview loop\n"


def test_report_falls_back_to_the_given_pack_when_the_sessions_pack_moved(
    capsys: pytest.CaptureFixture[str], sessions: tuple[SessionRecord, SessionRecord], data_home: Path
) -> None:
    _, newer = sessions
    path = sessions_dir(data_home) / f"{newer.id}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(str(TEST_PACK), "/nowhere/pack"), encoding="utf-8")
    code, out, err = run_cli(capsys, "report", "--pack", str(TEST_PACK))
    assert code == 0
    assert newer.id in out
    assert err == f"note: pack folder /nowhere/pack is gone; using pack 'testpack' from {TEST_PACK}\n"
    code, _, err = run_cli(capsys, "report")  # the shipped pack has another id: no silent substitution
    assert code == 1
    assert "not a folder" in err


@pytest.mark.usefixtures("sessions")
def test_grade_and_report_do_not_import_textual(answer_file: Path, data_home: Path) -> None:
    script = (
        "import sys\n"
        "from tui_interview.cli import main\n"
        f"assert main(['grade', '--question', {QUESTION!r}, '--answer', {str(answer_file)!r}]) == 0\n"
        "assert main(['report', '--format', 'html']) == 0\n"
        "print('textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "TUI_INTERVIEW_HOME": str(data_home)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr.strip() == "False False"
