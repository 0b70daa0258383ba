"""Question packs: the public TOML format, its pydantic models and a loader that reports problems.

A pack is a folder holding ``pack.toml`` (id, title, role, areas) and any number of other ``*.toml``
files, each with a ``[[questions]]`` array. The format is documented in ``docs/question-format.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from tui_interview.domain.bank.problems import PackError, Problem, read_toml, validate_model, validation_problems
from tui_interview.domain.bounds import Keyword, PointText, QuestionMinutes, Weight
from tui_interview.domain.files import DATA_FILE_LIMIT, read_regular_file
from tui_interview.domain.vocabulary import Competency, Kind, Level

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PACK_FILE = "pack.toml"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
MonthOrDay = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Area(_Strict):
    """A competency area questions are grouped by, such as model serving."""

    id: Slug
    title: Text
    description: str = ""


class PackInfo(_Strict):
    """The contents of ``pack.toml``."""

    id: Slug
    title: Text
    role: Text
    description: str = ""
    areas: list[Area] = Field(min_length=1)

    @field_validator("areas")
    @classmethod
    def _unique_area_ids(cls, areas: list[Area]) -> list[Area]:
        ids = [area.id for area in areas]
        repeated = sorted({area_id for area_id in ids if ids.count(area_id) > 1})
        if repeated:
            raise ValueError(f"area ids must be unique; repeated: {', '.join(repeated)}")
        return areas


class Point(_Strict):
    """A talking point a strong answer covers, and the phrases that signal it."""

    text: PointText
    keywords: list[Keyword] = Field(min_length=1)
    id: Slug | None = None
    weight: Weight = 1.0


class Step(_Strict):
    """One stage of a scenario: the new information the interviewer reveals and what to say about it."""

    reveal: Text
    points: list[Point] = Field(min_length=1)


class RedFlag(_Strict):
    """A known wrong claim: the phrases that signal it, why it is wrong and, optionally, the point it contradicts."""

    text: Text
    keywords: list[Text] = Field(min_length=1)
    why: Text
    contradicts: int | None = Field(default=None, ge=0)
    """Index into the question's ``all_points`` (its points, then each step's points), counting from 0."""


class Fact(_Strict):
    """A figure a question relies on, kept as data so it can be checked and refreshed."""

    text: Text
    source: Text
    as_of: MonthOrDay


class Question(_Strict):
    """One interview question with the material used to review an answer to it."""

    id: Slug
    area: Slug
    kind: Kind
    level: Level
    minutes: QuestionMinutes
    prompt: Text
    points: list[Point] = Field(min_length=1)
    tags: list[Text] = []
    follow_ups: list[Text] = []
    model_answer: str = ""
    steps: list[Step] = []
    as_of: MonthOrDay | None = None
    facts: list[Fact] = []
    red_flags: list[RedFlag] = []
    competencies: list[Competency] = []

    @field_validator("red_flags")
    @classmethod
    def _contradicted_points_exist(cls, red_flags: list[RedFlag], info: ValidationInfo) -> list[RedFlag]:
        points, steps = info.data.get("points"), info.data.get("steps")
        if points is None or steps is None:
            return red_flags  # the points themselves are invalid and reported already
        total = len(points) + sum(len(step.points) for step in steps)
        for number, flag in enumerate(red_flags):
            if flag.contradicts is not None and flag.contradicts >= total:
                raise ValueError(
                    f"red_flags.{number}.contradicts is {flag.contradicts}, but the question's points are "
                    f"numbered 0 to {total - 1} (its own points, then each step's points)"
                )
        return red_flags

    @property
    def all_points(self) -> list[Point]:
        """The question's own points followed by every scenario step's points."""
        return [*self.points, *(p for step in self.steps for p in step.points)]

    @property
    def step_of_point(self) -> dict[int, int]:
        """For each point index (in ``all_points``) that belongs to a scenario step, its 1-based step number."""
        numbers: dict[int, int] = {}
        index = len(self.points)
        for number, step in enumerate(self.steps, start=1):
            for _ in step.points:
                numbers[index] = number
                index += 1
        return numbers


@dataclass(frozen=True)
class Pack:
    """A validated question pack."""

    info: PackInfo
    questions: tuple[Question, ...]
    folder: Path

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @cached_property
    def by_id(self) -> Mapping[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def area_titles(self) -> Mapping[str, str]:
        return {a.id: a.title for a in self.info.areas}

    def question(self, question_id: str) -> Question:
        return self.by_id[question_id]


def load_pack(folder: Path) -> Pack:
    """Load and validate the pack in ``folder``; raise :class:`PackError` listing every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        raise PackError([Problem(folder, "not a folder (a pack is a folder holding pack.toml)")])
    info = _load_info(folder / PACK_FILE, problems)
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == PACK_FILE:
            continue
        for question in _load_question_file(path, problems):
            if question.id in seen:
                problems.append(
                    Problem(
                        path,
                        f"duplicate id, first defined in {seen[question.id].name}",
                        question.id,
                        _line_of_id(path, question.id),
                        "id",
                    )
                )
                continue
            seen[question.id] = path
            questions.append(question)
            if info is not None:
                _check_area(question, info, path, problems)
    if info is not None and not questions and not problems:
        problems.append(Problem(folder, "the pack has no questions (add a *.toml file with [[questions]])"))
    if problems or info is None:
        raise PackError(problems)
    return Pack(info=info, questions=tuple(questions), folder=folder)


def _check_area(question: Question, info: PackInfo, path: Path, problems: list[Problem]) -> None:
    if question.area not in {a.id for a in info.areas}:
        declared = ", ".join(a.id for a in info.areas)
        problems.append(
            Problem(
                path,
                f"unknown area {question.area!r} (pack.toml declares: {declared})",
                question.id,
                _line_of_id(path, question.id),
                "area",
            )
        )


def _load_info(path: Path, problems: list[Problem]) -> PackInfo | None:
    if not path.exists():
        problems.append(Problem(path, "missing pack.toml (it declares the pack's id, title, role and areas)"))
        return None
    data = read_toml(path, problems)
    if data is None:
        return None
    return validate_model(PackInfo, data, path, problems)


def _load_question_file(path: Path, problems: list[Problem]) -> Iterable[Question]:
    data = read_toml(path, problems)
    if data is None:
        return []
    extra = sorted(set(data) - {"questions"})
    for key in extra:
        problems.append(Problem(path, "unknown top-level key (a question file holds only [[questions]])", field=key))
    raw_questions = data.get("questions", [])
    if not isinstance(raw_questions, list):
        problems.append(Problem(path, "must be an array of tables ([[questions]])", field="questions"))
        return []
    loaded: list[Question] = []
    for index, raw in enumerate(raw_questions, start=1):
        label = _question_label(raw, index)
        try:
            question = Question.model_validate(raw)
        except ValidationError as error:
            line = _line_of_id(path, raw.get("id")) if isinstance(raw, dict) else None
            problems.extend(validation_problems(path, error, question=label, line=line))
            continue
        except RecursionError:
            problems.append(Problem(path, "nested too deeply to check", label))
            continue
        rule_problem = _kind_rules(question)
        if rule_problem:
            field, message = rule_problem
            problems.append(Problem(path, message, question.id, _line_of_id(path, question.id), field))
            continue
        loaded.append(question)
    return loaded


def _kind_rules(question: Question) -> tuple[str, str] | None:
    if question.steps and question.kind != "scenario":
        return "steps", f"steps are only for scenario questions (this one is {question.kind!r})"
    if question.competencies and question.kind != "behavioral":
        return "competencies", f"competencies are only for behavioral questions (this one is {question.kind!r})"
    return None


def _question_label(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return str(raw["id"])
    return f"#{index} (no id)"


def _line_of_id(path: Path, question_id: object) -> int | None:
    if not isinstance(question_id, str):
        return None
    pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(question_id) + r"[\"']")
    try:
        lines = read_regular_file(path, DATA_FILE_LIMIT).decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, text in enumerate(lines, start=1) if pattern.match(text)), None)
