"""``benchmarks/grading_eval.py``: labels from a file or a folder, Cohen's kappa, and the judge on loopback."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli_w

from tests.helpers import REPO
from tests.judge_server import JudgeServer, Scripted, completion, running_judge_server

SCRIPT = REPO / "benchmarks" / "grading_eval.py"
LABELS = REPO / "benchmarks" / "grading_labels.toml"


@pytest.fixture(scope="module")
def grading_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("grading_eval_under_test", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def shipped_labels() -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = tomllib.loads(LABELS.read_text(encoding="utf-8"))["answers"]
    return answers


def write_labels(path: Path, answers: list[dict[str, Any]]) -> Path:
    path.write_text(tomli_w.dumps({"answers": answers}), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_kappa_is_agreement_beyond_chance(grading_eval: ModuleType) -> None:
    perfect = grading_eval.Confusion(tp=5, fp=0, fn=0, tn=5)
    assert perfect.kappa == 1.0
    chance = grading_eval.Confusion(tp=25, fp=25, fn=25, tn=25)
    assert chance.kappa == pytest.approx(0.0)
    # observed 0.7, chance 0.5 -> (0.7 - 0.5) / (1 - 0.5)
    assert grading_eval.Confusion(tp=35, fp=15, fn=15, tn=35).kappa == pytest.approx(0.4)
    assert grading_eval.Confusion(tp=0, fp=0, fn=0, tn=9).kappa == 1.0  # both say "no" throughout
    assert grading_eval.Confusion().kappa == 0.0
    assert "κ +0.400" in grading_eval.Confusion(tp=35, fp=15, fn=15, tn=35).line()


def test_labels_load_from_a_file_or_every_toml_of_a_folder(grading_eval: ModuleType, tmp_path: Path) -> None:
    answers = shipped_labels()
    assert len(grading_eval.load_labels(LABELS)) == len(answers)
    folder = tmp_path / "set"
    folder.mkdir()
    first, second = answers[:3], [dict(answers[3], voice="terse", red_flag=True), *answers[4:6]]
    write_labels(folder / "a.toml", first)
    write_labels(folder / "b.toml", second)
    (folder / "notes.txt").write_text("not labels", encoding="utf-8")
    loaded = grading_eval.load_labels(folder)
    assert [entry.id for entry in loaded] == [entry["id"] for entry in answers[:6]]
    assert loaded[3].voice == "terse"
    assert loaded[3].has_red_flag
    assert not loaded[0].has_red_flag
    assert {entry.source.name for entry in loaded} == {"a.toml", "b.toml"}

    write_labels(folder / "c.toml", [answers[0]])
    with pytest.raises(grading_eval.LabelError, match="is also in"):
        grading_eval.load_labels(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"covered": "yes"}, "'covered' must be a list of true/false"),
        ({"text": ""}, "'text' must be a non-empty string"),
        ({"voice": 3}, "'voice' must be a string"),
    ],
)
def test_a_bad_label_is_reported_with_its_file_and_id(
    grading_eval: ModuleType, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    entry = dict(shipped_labels()[0], **change)
    path = write_labels(tmp_path / "bad.toml", [entry])
    with pytest.raises(grading_eval.LabelError, match=message) as error:
        grading_eval.load_labels(path)
    assert str(error.value).startswith(f"{path}: answer 1 ({entry['id']}): ")


def test_the_dev_set_is_held_out(grading_eval: ModuleType) -> None:
    assert grading_eval.held_out(REPO / "benchmarks" / "grading_devset")
    assert grading_eval.held_out(REPO / "benchmarks" / "grading_devset" / "x.toml")
    assert not grading_eval.held_out(LABELS)


def test_the_script_reports_every_figure_for_a_folder(tmp_path: Path) -> None:
    answers = shipped_labels()
    folder = tmp_path / "set"
    folder.mkdir()
    write_labels(folder / "a.toml", answers[:10])
    write_labels(folder / "b.toml", answers[10:20])
    done = run("--labels", str(folder), "--worst", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Labelled set: 20 answers in 2 file(s), ")
    assert lines[1].startswith("offline        P ")
    assert " κ " in lines[1]
    assert "by answer style (offline):" in lines
    assert "every false positive (credit a human would not give):" in lines  # not the dev set: details shown

    bad = write_labels(tmp_path / "bad.toml", [dict(answers[0], covered=[True])])
    done = run("--labels", str(bad))
    assert done.returncode == 1
    assert "1 labels for" in done.stderr


def test_judge_and_model_go_together() -> None:
    done = run("--judge", "http://127.0.0.1:9/v1")
    assert done.returncode == 2
    assert "--judge URL and --model NAME go together" in done.stderr


@pytest.fixture
def judge_server() -> Iterator[JudgeServer]:
    with running_judge_server() as script:
        yield script


def test_the_judge_is_measured_alone_and_merged(judge_server: JudgeServer, tmp_path: Path) -> None:
    def all_missed(body: dict[str, Any]) -> Scripted:
        schema = body["response_format"]["json_schema"]["schema"]
        ids = schema["properties"]["points"]["items"]["properties"]["id"]["enum"]
        content = {"points": [{"id": i, "status": "missed", "quote": "", "reason": "-"} for i in ids], "red_flags": []}
        return Scripted(completion(json.dumps(content)))

    judge_server.chat = all_missed
    labels = write_labels(tmp_path / "few.toml", shipped_labels()[:3])
    done = run("--labels", str(labels), "--judge", judge_server.base_url, "--model", "tiny-judge:1b", "--timeout", "5")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"Judge: tiny-judge:1b at {judge_server.base_url}; failed on 0 of 3 answers" in out
    assert "\njudge alone    P 1.000  R 0.000  F1 0.000" in out
    assert "\njudge merged   P 1.000  R 0.000  F1 0.000" in out
    assert "by answer style (judge merged):" in out
    assert "target (judge merged): F1 >= 0.85" in out
    assert len(judge_server.chat_requests) == 3
