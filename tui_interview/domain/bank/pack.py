"""Question packs: the public TOML format, its pydantic models and a loader that reports problems.

A pack is a folder holding ``pack.toml`` (id, title, role, areas) and any number of other ``*.toml``
files, each with a ``[[questions]]`` array. The format is documented in ``docs/question-format.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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

from tui_interview.domain.bank.problems import (
    PackError,
    Problem,
    toml_from_bytes,
    unreadable,
    validate_model,
    validation_problems,
)
from tui_interview.domain.bounds import Keyword, PointText, QuestionMinutes, Weight
from tui_interview.domain.files import DATA_FILE_LIMIT, collector_paused, read_regular_file
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
    """One interview question with the material used to review an answer to it.

    Empty lists come from ``default_factory``: a plain ``[]`` default is deep-copied for every question that
    leaves the field out, which was a fifth of a pack's validation time.
    """

    id: Slug
    area: Slug
    kind: Kind
    level: Level
    minutes: QuestionMinutes
    prompt: Text
    points: list[Point] = Field(min_length=1)
    tags: list[Text] = Field(default_factory=list)
    follow_ups: list[Text] = Field(default_factory=list)
    model_answer: str = ""
    steps: list[Step] = Field(default_factory=list)
    as_of: MonthOrDay | None = None
    facts: list[Fact] = Field(default_factory=list)
    red_flags: list[RedFlag] = Field(default_factory=list)
    competencies: list[Competency] = Field(default_factory=list)
    overlaps: list[Slug] = Field(default_factory=list)
    """Questions of the pack on a neighbouring topic: never drawn into one session with this one."""

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

    @cached_property
    def overlapping(self) -> Mapping[str, frozenset[str]]:
        """For each question id, the ids declared as overlapping it, in either direction."""
        pairs: dict[str, set[str]] = {}
        for question in self.questions:
            for other in question.overlaps:
                pairs.setdefault(question.id, set()).add(other)
                pairs.setdefault(other, set()).add(question.id)
        return {question_id: frozenset(others) for question_id, others in pairs.items()}


@dataclass(frozen=True)
class PackFile:
    """One TOML file of a pack folder, read once: its bytes, or the error that stopped the reading."""

    path: Path
    data: bytes | None
    error: OSError | None = None

    @classmethod
    def read(cls, path: Path) -> PackFile:
        try:
            return cls(path, read_regular_file(path, DATA_FILE_LIMIT))
        except OSError as error:
            return cls(path, None, error)


@dataclass(frozen=True)
class PackSources:
    """Every file of a pack folder as read once: ``pack.toml`` (None when missing) and the question files."""

    folder: Path
    info: PackFile | None
    question_files: tuple[PackFile, ...]

    @property
    def files(self) -> tuple[PackFile, ...]:
        return self.question_files if self.info is None else (self.info, *self.question_files)


def read_pack_sources(folder: Path) -> PackSources:
    """Read ``pack.toml`` and every other ``*.toml`` file of the pack folder ``folder``, in name order."""
    info_path = folder / PACK_FILE
    info = PackFile.read(info_path) if info_path.exists() else None
    paths = sorted(path for path in folder.glob("*.toml") if path.name != PACK_FILE)
    return PackSources(folder, info, tuple(PackFile.read(path) for path in paths))


def load_pack(folder: Path) -> Pack:
    """Load and validate the pack in ``folder``; raise :class:`PackError` listing every problem.

    This always reads the source files; the app loads packs through
    :func:`~tui_interview.domain.bank.pack_cache.load_pack_cached`, which skips the parsing of unchanged ones.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise PackError([Problem(folder, "not a folder (a pack is a folder holding pack.toml)")])
    with collector_paused():
        return pack_from_sources(read_pack_sources(folder))


def pack_from_sources(sources: PackSources) -> Pack:
    """Parse and validate the files read by :func:`read_pack_sources`; raise :class:`PackError` if any is wrong."""
    problems: list[Problem] = []
    info = _load_info(sources.info, sources.folder / PACK_FILE, problems)
    area_ids = {area.id for area in info.areas} if info is not None else set()
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for file in sources.question_files:
        lines = _IdLines(file)
        for question in _load_question_file(file, lines, problems):
            if question.id in seen:
                message = f"duplicate id, first defined in {seen[question.id].name}"
                problems.append(Problem(file.path, message, question.id, lines.of(question.id), "id"))
                continue
            seen[question.id] = file.path
            questions.append(question)
            if info is not None and question.area not in area_ids:
                problems.append(_unknown_area(question, info, file.path, lines))
    problems += _unknown_overlaps(questions, seen)
    if info is not None and not questions and not problems:
        problems.append(Problem(sources.folder, "the pack has no questions (add a *.toml file with [[questions]])"))
    if problems or info is None:
        raise PackError(problems)
    return Pack(info=info, questions=tuple(questions), folder=sources.folder)


def _unknown_overlaps(questions: Sequence[Question], files: Mapping[str, Path]) -> list[Problem]:
    """An ``overlaps`` entry must name another question of the pack."""
    problems = []
    for question in questions:
        for number, other in enumerate(question.overlaps):
            if other not in files or other == question.id:
                why = "is this question itself" if other == question.id else "is not a question of this pack"
                path = files[question.id]
                problems.append(Problem(path, f"{other!r} {why}", question.id, None, f"overlaps.{number}"))
    return problems


def follows_pack_rules(info: PackInfo, questions: Sequence[Question]) -> bool:
    """Whether validated questions also pass the checks :func:`load_pack` makes across fields and files.

    That is: at least one question, unique ids, areas that ``info`` declares, each kind's own fields, and
    ``overlaps`` naming other questions of the pack.
    """
    area_ids = {area.id for area in info.areas}
    unique = len({question.id for question in questions}) == len(questions)
    overlaps_known = not _unknown_overlaps(questions, {question.id: Path() for question in questions})
    fields_ok = all(q.area in area_ids and _kind_rules(q) is None for q in questions)
    return bool(questions) and unique and overlaps_known and fields_ok


def _unknown_area(question: Question, info: PackInfo, path: Path, lines: _IdLines) -> Problem:
    declared = ", ".join(a.id for a in info.areas)
    message = f"unknown area {question.area!r} (pack.toml declares: {declared})"
    return Problem(path, message, question.id, lines.of(question.id), "area")


def _load_info(file: PackFile | None, path: Path, problems: list[Problem]) -> PackInfo | None:
    if file is None:
        problems.append(Problem(path, "missing pack.toml (it declares the pack's id, title, role and areas)"))
        return None
    data = _parse(file, problems)
    if data is None:
        return None
    return validate_model(PackInfo, data, path, problems)


def _parse(file: PackFile, problems: list[Problem]) -> dict[str, Any] | None:
    if file.data is None:
        problems.append(unreadable(file.path, file.error or OSError("unreadable")))
        return None
    return toml_from_bytes(file.path, file.data, problems)


def _load_question_file(file: PackFile, lines: _IdLines, problems: list[Problem]) -> Iterable[Question]:
    data = _parse(file, problems)
    if data is None:
        return []
    path = file.path
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
            line = lines.of(raw.get("id")) if isinstance(raw, dict) else None
            problems.extend(validation_problems(path, error, question=label, line=line))
            continue
        except RecursionError:
            problems.append(Problem(path, "nested too deeply to check", label))
            continue
        rule_problem = _kind_rules(question)
        if rule_problem:
            field, message = rule_problem
            problems.append(Problem(path, message, question.id, lines.of(question.id), field))
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


_ID_LINE = re.compile(r"\s*id\s*=\s*[\"']([^\"']*)[\"']")
_QUOTES = frozenset("\"'")


class _IdLines:
    """Where each question id is set in a file (``id = "…"``), found once and only if a problem needs it."""

    def __init__(self, file: PackFile) -> None:
        self._file = file

    def of(self, question_id: object) -> int | None:
        """The number of the first line setting ``question_id``; None for a non-string or an id not found."""
        if not isinstance(question_id, str):
            return None
        if _QUOTES.isdisjoint(question_id):
            return self._first_lines.get(question_id)
        pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(question_id) + r"[\"']")  # quotes in the id itself
        return next((number for number, text in enumerate(self._lines, start=1) if pattern.match(text)), None)

    @cached_property
    def _lines(self) -> list[str]:
        try:
            return (self._file.data or b"").decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            return []

    @cached_property
    def _first_lines(self) -> dict[str, int]:
        first: dict[str, int] = {}
        for number, text in enumerate(self._lines, start=1):
            match = _ID_LINE.match(text)
            if match:
                first.setdefault(match.group(1), number)
        return first
