"""Loading question packs, and the one-line-per-problem errors a pack author sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import TEST_PACK
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.bank.problems import PackError
from tui_interview.domain.locations import default_pack_dir

PACK_TOML = """
id = "mini"
title = "Mini"
role = "MLOps Engineer"

[[areas]]
id = "serving"
title = "Serving"
"""

GOOD_QUESTION = """
[[questions]]
id = "serving-canary"
area = "serving"
kind = "technical"
level = "mid"
minutes = 5
prompt = "What does a canary release prove?"

[[questions.points]]
text = "Limits the blast radius to a small share of traffic"
keywords = ["blast radius", "small share", "5%"]
"""


def write_pack(folder: Path, questions: str, pack_toml: str = PACK_TOML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(pack_toml, encoding="utf-8")
    (folder / "serving.toml").write_text(questions, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_pack_loads_with_its_areas_and_points(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "mini", GOOD_QUESTION))
    question = pack.question("serving-canary")
    assert pack.area_titles == {"serving": "Serving"}
    assert question.points[0].keywords == ["blast radius", "small share", "5%"]
    assert question.points[0].weight == 1.0


def test_the_shipped_pack_and_the_test_pack_are_valid() -> None:
    assert len(load_pack(default_pack_dir()).questions) > 0
    assert len(load_pack(TEST_PACK).questions) == 20


def test_a_misspelt_field_names_file_question_line_and_field(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION.replace("prompt =", "promt ="))
    problems = problems_of(folder)
    assert any("serving.toml: line 3: question 'serving-canary': field 'promt': unknown field" in p for p in problems)
    assert any("field 'prompt': Field required" in p for p in problems)


def test_toml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION + '\n[[questions]\nid = "x"\n')
    [problem] = problems_of(folder)
    assert "serving.toml: line 14: TOML syntax error" in problem


def test_a_non_utf8_file_is_reported_not_raised(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION)
    (folder / "serving.toml").write_bytes('prompt = "café"'.encode("latin-1"))
    [problem] = problems_of(folder)
    assert "serving.toml: not UTF-8 text" in problem


def test_a_missing_pack_toml_is_reported(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION)
    (folder / "pack.toml").unlink()
    [problem] = problems_of(folder)
    assert "pack.toml: missing pack.toml" in problem


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('id = "serving-canary"', 'id = "Serving Canary"'), "id", "String should match pattern"),
        (('area = "serving"', 'area = "servng"'), "area", "unknown area 'servng' (pack.toml declares: serving)"),
        (('kind = "technical"', 'kind = "trivia"'), "kind", "Input should be 'technical'"),
        (("minutes = 5", "minutes = 0"), "minutes", "greater than 0"),
        (('prompt = "What does a canary release prove?"', 'prompt = "  "'), "prompt", "at least 1 character"),
        (('keywords = ["blast radius", "small share", "5%"]', "keywords = []"), "points.0.keywords", "at least 1"),
    ],
)
def test_each_field_rule_names_the_field(tmp_path: Path, change: tuple[str, str], field: str, message: str) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION.replace(*change))
    problems = problems_of(folder)
    assert any(f"field {field!r}" in p and message in p for p in problems), problems


def test_duplicate_ids_and_steps_outside_scenarios_are_errors(tmp_path: Path) -> None:
    with_steps = GOOD_QUESTION + '\n[[questions.steps]]\nreveal = "more"\n[[questions.steps.points]]\n'
    with_steps += 'text = "x"\nkeywords = ["a", "b", "c"]\n'
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION + with_steps)
    problems = problems_of(folder)
    assert any("question 'serving-canary': field 'steps': steps are only for scenario" in p for p in problems)


def test_competencies_come_from_the_vocabulary_and_only_on_behavioral_questions(tmp_path: Path) -> None:
    tagged = GOOD_QUESTION.replace('level = "mid"', 'level = "mid"\ncompetencies = ["mentoring"]')
    assert any(
        "field 'competencies': competencies are only for behavioral" in p
        for p in problems_of(write_pack(tmp_path / "a", tagged))
    )
    behavioral = tagged.replace('kind = "technical"', 'kind = "behavioral"')
    assert load_pack(write_pack(tmp_path / "b", behavioral)).questions[0].competencies == ["mentoring"]
    unknown = behavioral.replace('"mentoring"', '"heroics"')
    assert any("competencies.0" in p for p in problems_of(write_pack(tmp_path / "c", unknown)))


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    bad = GOOD_QUESTION.replace('level = "mid"', 'level = "guru"') + GOOD_QUESTION.replace(
        'id = "serving-canary"', 'id = "serving-two"'
    ).replace('area = "serving"', 'area = "nowhere"')
    problems = problems_of(write_pack(tmp_path / "mini", bad))
    assert len(problems) == 2
    assert any("'serving-canary'" in p and "'level'" in p for p in problems)
    assert any("'serving-two'" in p and "'area'" in p for p in problems)


def test_duplicate_ids_across_files_name_the_first_file(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "mini", GOOD_QUESTION)
    shutil.copy(folder / "serving.toml", folder / "more.toml")
    [problem] = problems_of(folder)
    assert "serving.toml" in problem
    assert "duplicate id, first defined in more.toml" in problem


def test_markup_in_text_is_kept_literally(tmp_path: Path) -> None:
    question = GOOD_QUESTION.replace(
        "What does a canary release prove?", "Explain [bold]canary[/] and [link=x]y[/link]"
    )
    pack = load_pack(write_pack(tmp_path / "mini", question))
    assert pack.question("serving-canary").prompt == "Explain [bold]canary[/] and [link=x]y[/link]"


@pytest.mark.parametrize(
    ("id_line", "label"),
    [
        ('id = "Serving Canary"', "Serving Canary"),
        ('id = "it\'s-mine"', "it's-mine"),
        ("  id='spaced.out'", "spaced.out"),
        ('id = "a" # the first one', "a"),
    ],
)
def test_a_problem_names_the_line_of_its_questions_id(tmp_path: Path, id_line: str, label: str) -> None:
    second = GOOD_QUESTION.replace('id = "serving-canary"', id_line)
    problems = problems_of(write_pack(tmp_path / "mini", GOOD_QUESTION + second.replace("minutes = 5", "minutes = 0")))
    expected_line = GOOD_QUESTION.count("\n") + 3
    assert any(
        p.startswith(f"{tmp_path / 'mini' / 'serving.toml'}: line {expected_line}: question {label!r}")
        for p in problems
    ), problems


def test_an_overlap_must_name_another_question_of_the_pack(tmp_path: Path) -> None:
    pointing = GOOD_QUESTION.replace('level = "mid"', 'level = "mid"\noverlaps = ["serving-nowhere"]')
    problems = problems_of(write_pack(tmp_path / "a", pointing))
    assert any(
        "question 'serving-canary': field 'overlaps.0': 'serving-nowhere' is not a question" in p for p in problems
    )
    itself = GOOD_QUESTION.replace('level = "mid"', 'level = "mid"\noverlaps = ["serving-canary"]')
    assert any("is this question itself" in p for p in problems_of(write_pack(tmp_path / "b", itself)))
    second = GOOD_QUESTION.replace('id = "serving-canary"', 'id = "serving-two"')
    pair = GOOD_QUESTION.replace('level = "mid"', 'level = "mid"\noverlaps = ["serving-two"]') + second
    pack = load_pack(write_pack(tmp_path / "c", pair))
    assert pack.overlapping == {"serving-canary": {"serving-two"}, "serving-two": {"serving-canary"}}
