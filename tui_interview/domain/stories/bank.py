"""``stories.toml``: the candidate's STAR stories, read with one-line-per-problem errors and saved atomically.

The format is documented in ``docs/stories-and-targets.md``. A story has an id, a title, one text per STAR
part (situation, task, action, result) and a reflection, optional key figures, and the competencies it shows
(the vocabulary behavioral questions are tagged with). Every story is checked on its own, so one bad story
does not hide the problems of the others.

Two rules protect the candidate's writing:

* a file that cannot be read (bad TOML, a bad story, not UTF-8, a FIFO…) is **never overwritten**: saving
  refuses with the problems, and the candidate fixes the file first;
* the app writes only to ``stories.toml`` directly inside the data folder, never through a symbolic link
  and never elsewhere, and it writes atomically (a crash leaves the old file or the new one).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Final

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from tui_interview.domain.bank.problems import (
    DataFileError,
    Problem,
    read_toml,
    validation_problems,
)
from tui_interview.domain.files import write_atomically
from tui_interview.domain.locations import stories_file
from tui_interview.domain.vocabulary import Competency

__all__ = [
    "MAX_STORIES",
    "STORY_PARTS",
    "Story",
    "StoryBank",
    "StoryError",
    "delete_story",
    "line_of_id",
    "load_stories",
    "save_story",
    "stories_toml",
    "writable_path",
]

MAX_STORIES: Final = 100
"""Stories in one bank: coaches advise 5 to 7; a hundred is far beyond any real preparation."""
MAX_STORY_TEXT: Final = 20_000
"""Characters in one part of a story: a two-minute telling is about 300 words, some 2,000 characters."""
MAX_TITLE: Final = 200
MAX_FIGURES: Final = 20
MAX_FIGURE: Final = 200

STORY_PARTS: Final = ("situation", "task", "action", "result", "reflection")
"""The parts of a story in the order it is told."""

SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)]
PartText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_STORY_TEXT)]
Figure = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_FIGURE)]

HEADER: Final = (
    "# STAR stories for tui-interview (format: docs/stories-and-targets.md).\n"
    "# The app rewrites this file when you save a story in it; comments are not kept.\n\n"
)


class StoryError(DataFileError):
    """The story bank cannot be read, or a story cannot be saved; carries every problem found."""


class Story(BaseModel):
    """One prepared story, told in the STAR order and ending on what the candidate learned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: Title
    situation: PartText = ""
    task: PartText = ""
    action: PartText = ""
    result: PartText = ""
    reflection: PartText = ""
    figures: list[Figure] = Field(default_factory=list, max_length=MAX_FIGURES)
    """Key numbers to remember ("p99 from 900 ms to 180 ms"); the result should say at least one."""
    competencies: list[Competency] = Field(default_factory=list)

    @field_validator("competencies")
    @classmethod
    def _no_repeats(cls, competencies: list[Competency]) -> list[Competency]:
        return list(dict.fromkeys(competencies))

    def part(self, name: str) -> str:
        """The text of one of :data:`STORY_PARTS`."""
        return str(getattr(self, name))

    @property
    def telling(self) -> str:
        """The story as the candidate tells it: every part written, in order, one paragraph each."""
        return "\n\n".join(text for text in (self.part(name) for name in STORY_PARTS) if text)


class _StoriesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stories: list[Any] = Field(default_factory=list, max_length=MAX_STORIES)


@dataclass(frozen=True)
class StoryBank:
    """The stories of ``stories.toml`` in file order (an empty bank when the file does not exist yet)."""

    stories: tuple[Story, ...] = ()
    path: Path | None = None

    @cached_property
    def by_id(self) -> Mapping[str, Story]:
        return {story.id: story for story in self.stories}

    def __len__(self) -> int:
        return len(self.stories)


# Reading -------------------------------------------------------------------------------------------------


def load_stories(path: Path) -> StoryBank:
    """The bank in ``path``; empty if there is no such file. Raise :class:`StoryError` listing every problem."""
    if not os.path.lexists(path):
        return StoryBank((), path)
    problems: list[Problem] = []
    data = read_toml(path, problems)
    stories = _stories_from(data, path, problems) if data is not None else []
    if problems:
        raise StoryError(problems)
    return StoryBank(tuple(stories), path)


def _stories_from(data: dict[str, Any], path: Path, problems: list[Problem]) -> list[Story]:
    try:
        raw = _StoriesFile.model_validate(data).stories
    except ValidationError as error:
        problems.extend(_top_level_problems(path, error))
        return []
    text = _text_of(path)
    stories: list[Story] = []
    for number, item in enumerate(raw, start=1):
        story = _story_from(item, number, path, text, problems)
        if story is None:
            continue
        if any(other.id == story.id for other in stories):
            problems.append(_about(path, f"the id is used by an earlier story ({story.id!r})", story.id, text, "id"))
            continue
        stories.append(story)
    return stories


def _top_level_problems(path: Path, error: ValidationError) -> list[Problem]:
    found = []
    for problem in validation_problems(path, error):
        if problem.field and problem.field.split(".")[0] != "stories":
            message = "unknown top-level key (the file holds only [[stories]])"
            found.append(dataclasses.replace(problem, message=message))
        elif problem.field == "stories":
            found.append(dataclasses.replace(problem, message=f"{problem.message} (write [[stories]] tables)"))
        else:
            found.append(problem)
    return found


def _story_from(item: Any, number: int, path: Path, text: str, problems: list[Problem]) -> Story | None:
    label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
    try:
        return Story.model_validate(item)
    except ValidationError as error:
        line = line_of_id(text, label) if label else None
        for problem in validation_problems(path, error, question=label or f"#{number} (no id)", line=line):
            problems.append(dataclasses.replace(problem, subject="story"))
    except RecursionError:
        problems.append(Problem(path, "nested too deeply to check", label or f"#{number}", subject="story"))
    return None


def _about(path: Path, message: str, story_id: str, text: str, field: str) -> Problem:
    return Problem(path, message, story_id, line_of_id(text, story_id, occurrence=2), field, subject="story")


def _text_of(path: Path) -> str:
    """The file's text for locating ids (already read and checked by :func:`read_toml`)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def line_of_id(text: str, item_id: str, occurrence: int = 1) -> int | None:
    """The line (from 1) where ``id = "item_id"`` is set for the ``occurrence``-th time in ``text``, or None."""
    pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(item_id) + r"[\"']\s*(?:#.*)?$")
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            seen += 1
            if seen == occurrence:
                return number
    return None


# Writing -------------------------------------------------------------------------------------------------


def writable_path(home: Path, path: Path | None = None) -> Path:
    """Where the bank of the data folder ``home`` may be written: ``stories.toml`` directly inside ``home``.

    Raise :class:`StoryError` for a path outside the data folder or a symbolic link (the app never writes
    through one, so a link cannot send it to overwrite another file).
    """
    target = stories_file(home) if path is None else path
    inside = target.parent.resolve() == home.resolve() and target.name == stories_file(home).name
    if not inside:
        raise StoryError([Problem(target, f"the app saves stories only in {stories_file(home)}")])
    if target.is_symlink():
        raise StoryError([Problem(target, "is a symbolic link: the app does not write through one")])
    return target


def save_story(home: Path, story: Story, replacing: str | None = None) -> StoryBank:
    """Add ``story`` to the bank in ``home``, or put it in place of the story with id ``replacing``; write it.

    The file is read again first: if it cannot be read it is not overwritten (:class:`StoryError` with its
    problems). An id already used by another story is refused too (a story that ``replacing`` names but the
    file no longer holds is added).
    """
    path = writable_path(home)
    bank = _readable_for_saving(path)
    if story.id != replacing and story.id in bank.by_id:
        raise StoryError([Problem(path, f"another story already has the id {story.id!r}", story.id, subject="story")])
    if replacing in bank.by_id:
        stories = tuple(story if existing.id == replacing else existing for existing in bank.stories)
    else:
        if len(bank.stories) >= MAX_STORIES:
            raise StoryError([Problem(path, f"the bank holds at most {MAX_STORIES} stories")])
        stories = (*bank.stories, story)
    return _write(path, stories)


def delete_story(home: Path, story_id: str) -> StoryBank:
    """The bank in ``home`` without the story ``story_id``, written (refused, like saving, if unreadable)."""
    path = writable_path(home)
    bank = _readable_for_saving(path)
    if story_id not in bank.by_id:
        raise StoryError([Problem(path, "no such story", story_id, subject="story")])
    return _write(path, tuple(story for story in bank.stories if story.id != story_id))


def _readable_for_saving(path: Path) -> StoryBank:
    try:
        return load_stories(path)
    except StoryError as error:
        note = Problem(path, "cannot be read, so it is not overwritten: fix the problems above first")
        raise StoryError([*error.problems, note]) from None


def _write(path: Path, stories: Iterable[Story]) -> StoryBank:
    bank = StoryBank(tuple(stories), path)
    write_atomically(path, stories_toml(bank).encode("utf-8"))
    return bank


def stories_toml(bank: StoryBank) -> str:
    """The bank as ``stories.toml`` text: a short header, then one ``[[stories]]`` table per story.

    Empty parts and lists are left out, and long texts are written as multi-line strings.
    """
    tables = [
        {key: value for key, value in story.model_dump(mode="json").items() if value not in ("", [])}
        for story in bank.stories
    ]
    return HEADER + tomli_w.dumps({"stories": tables}, multiline_strings=True)
