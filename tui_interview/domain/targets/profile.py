"""Target profiles: one TOML file per company in the data folder's ``targets/`` folder, one of them active.

``targets/<id>.toml`` holds one target; its file name is its id (``acme.toml`` is the target ``acme``).
``targets/active.txt`` names the active one. The format is documented in ``docs/stories-and-targets.md``.
A bad file is reported with the usual one-line-per-problem errors and is never overwritten; the app writes
only inside ``targets/``, never through a symbolic link, and atomically.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from tui_interview.domain.bank.problems import DataFileError, Problem, read_toml, validation_problems
from tui_interview.domain.files import read_regular_file, write_atomically
from tui_interview.domain.locations import targets_dir
from tui_interview.domain.vocabulary import Level

__all__ = [
    "ACTIVE_FILE",
    "Note",
    "Target",
    "TargetError",
    "TargetShelf",
    "active_id",
    "active_target",
    "add_target",
    "load_target",
    "load_targets",
    "save_target",
    "target_from_fields",
    "target_path",
    "target_toml",
    "use_target",
]

ACTIVE_FILE: Final = "active.txt"
SUFFIX: Final = ".toml"
ID_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE: Final = re.compile(ID_PATTERN)
MAX_TEXT: Final = 20_000
MAX_SHORT: Final = 200
MAX_STACK: Final = 100
MAX_NOTES: Final = 200

TargetId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Source = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)]

HEADER: Final = (
    "# A target company for tui-interview (format: docs/stories-and-targets.md). The file name is its id.\n"
    "# The app rewrites this file when it saves the target; comments are not kept.\n\n"
)


class TargetError(DataFileError):
    """A target cannot be read, found or saved; carries every problem found."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Note(_Strict):
    """One thing learnt about the company, and where: a blog post, a talk, the job description."""

    text: NoteText
    source: Source = ""


class Target(_Strict):
    """A company being interviewed with, as researched: what it makes, how it uses ML, its stack, the role."""

    id: TargetId
    company: Name
    product: Long = ""
    ml_use: Long = ""
    """How the company uses machine learning: which models drive which parts of the product."""
    stack: list[Name] = Field(default_factory=list, max_length=MAX_STACK)
    """Tools and platforms ("Kubernetes", "Dagster", "BigQuery"); matched to the pack's question tags."""
    role: Short = ""
    level: Level | None = None
    notes: list[Note] = Field(default_factory=list, max_length=MAX_NOTES)

    @property
    def title(self) -> str:
        """``Acme Grocery · Senior MLOps Engineer (senior)``: the company, and the role when known."""
        role = " ".join(part for part in (self.role, f"({self.level})" if self.level else "") if part)
        return f"{self.company} · {role}" if role else self.company


@dataclass(frozen=True)
class TargetShelf:
    """Every target file of a data folder: those that load, the problems of those that do not, the active id."""

    targets: tuple[Target, ...]
    problems: tuple[Problem, ...]
    active: str | None


def target_path(home: Path, target_id: str) -> Path:
    return targets_dir(home) / f"{target_id}{SUFFIX}"


def load_target(home: Path, target_id: str) -> Target:
    """The target ``target_id`` of the data folder ``home``; raise :class:`TargetError` if missing or bad."""
    if not _ID_RE.match(target_id):
        raise TargetError([Problem(targets_dir(home), f"{target_id!r} is not a target id (lowercase-with-hyphens)")])
    path = target_path(home, target_id)
    if not os.path.lexists(path):
        known = ", ".join(target.id for target in load_targets(home).targets) or "none yet"
        message = f"no target {target_id!r} (targets: {known}; add one with `tui-interview target add`)"
        raise TargetError([Problem(path, message)])
    return _load_file(path)


def _load_file(path: Path) -> Target:
    problems: list[Problem] = []
    data = read_toml(path, problems)
    target = _target_from(data, path, problems) if data is not None else None
    if target is None:
        raise TargetError(problems)
    return target


def _target_from(data: dict[str, Any], path: Path, problems: list[Problem]) -> Target | None:
    if "id" in data:
        problems.append(Problem(path, f"the file name is the id ({path.stem!r}): remove this key", field="id"))
        return None
    try:
        return Target.model_validate({**data, "id": path.stem})
    except ValidationError as error:
        problems.extend(validation_problems(path, error))
    except RecursionError:
        problems.append(Problem(path, "nested too deeply to check"))
    return None


def load_targets(home: Path) -> TargetShelf:
    """Every target in ``home``, sorted by id, with the problems of the files that cannot be used."""
    folder = targets_dir(home)
    targets: list[Target] = []
    problems: list[Problem] = []
    paths = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    for path in paths:
        if not _ID_RE.match(path.stem):
            problems.append(Problem(path, "the file name is not a target id (lowercase letters, digits, hyphens)"))
            continue
        try:
            targets.append(_load_file(path))
        except TargetError as error:
            problems.extend(error.problems)
    return TargetShelf(tuple(targets), tuple(problems), active_id(home))


def active_id(home: Path) -> str | None:
    """The id named in ``targets/active.txt``, or None when there is none (or it names nothing usable)."""
    path = targets_dir(home) / ACTIVE_FILE
    try:
        text = read_regular_file(path, 1024).decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if _ID_RE.match(text) else None


def active_target(home: Path) -> Target | None:
    """The active target, or None when none is chosen; raise :class:`TargetError` when it cannot be read."""
    chosen = active_id(home)
    return None if chosen is None else load_target(home, chosen)


def use_target(home: Path, target_id: str | None) -> Target | None:
    """Make ``target_id`` the active target (None: no target); return it. The target must load."""
    target = None if target_id is None else load_target(home, target_id)
    path = _writable(home, targets_dir(home) / ACTIVE_FILE)
    if target is None:
        if os.path.lexists(path):
            path.unlink()
        return None
    write_atomically(path, f"{target.id}\n".encode())
    return target


def save_target(home: Path, target: Target, *, replace: bool = False) -> Path:
    """Write ``target`` to its file in ``home``. An existing one is replaced only with ``replace``, and never
    when it cannot be read (the problems are raised instead)."""
    path = _writable(home, target_path(home, target.id))
    if os.path.lexists(path):
        if not replace:
            raise TargetError([Problem(path, f"the target {target.id!r} exists already (replace it with --replace)")])
        try:
            _load_file(path)
        except TargetError as error:
            note = Problem(path, "cannot be read, so it is not overwritten: fix the problems above first")
            raise TargetError([*error.problems, note]) from None
    write_atomically(path, target_toml(target).encode("utf-8"))
    return path


def target_from_fields(home: Path, fields: Mapping[str, object]) -> Target:
    """The target ``fields`` describe (as the command line and the Target screen collect them), validated.

    Raise :class:`TargetError` with one problem per bad field, named as in the target's file."""
    try:
        return Target.model_validate(dict(fields))
    except ValidationError as error:
        raise TargetError(validation_problems(target_path(home, str(fields.get("id", ""))), error)) from None


def add_target(home: Path, target: Target, *, replace: bool = False, use: bool = False) -> bool:
    """Save ``target`` (see :func:`save_target`); make it active with ``use``, or when no target is active yet.

    Return whether it is the active target now."""
    save_target(home, target, replace=replace)
    becomes_active = use or active_id(home) is None
    if becomes_active:
        use_target(home, target.id)
    return becomes_active or active_id(home) == target.id


def _writable(home: Path, path: Path) -> Path:
    folder = targets_dir(home)
    if path.parent != folder or (folder.exists() and folder.resolve().parent != home.resolve()):
        raise TargetError([Problem(path, f"the app saves targets only in {folder}")])
    for link in (folder, path):
        if link.is_symlink():
            raise TargetError([Problem(link, "is a symbolic link: the app does not write through one")])
    return path


def target_toml(target: Target) -> str:
    """The target as the text of its file: a header, then its fields (empty ones left out; no id)."""
    data = {key: value for key, value in target.model_dump(mode="json").items() if value not in ("", [], None)}
    data.pop("id")
    data["notes"] = [{k: v for k, v in note.items() if v} for note in data.get("notes", [])]
    if not data["notes"]:
        del data["notes"]
    return HEADER + tomli_w.dumps(data, multiline_strings=True)
