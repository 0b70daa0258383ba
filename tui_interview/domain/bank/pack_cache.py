"""A validated copy of each pack in the data folder's cache, so that an unchanged pack loads without its TOML.

Parsing is most of a pack's load (the 5,000-question benchmark pack: ~0.7 s from its TOML, ~0.12 s from
here; see ``benchmarks/pack_load.py``). The copy of a pack folder is ``<cache>/packs/<hash of the folder's real
path>.json``: one line of JSON, the *stamp*, then the pack's validated data as JSON.

The stamp says what the copy was made from: the cache format (:data:`CACHE_VERSION`); the code that reads
packs (a hash of the modules that define the models, the parser and the checks, with the Python and pydantic
versions), so that a new field or rule never meets data validated without it; the folder; and for every
``*.toml`` file its name, size, modification time (ns) and SHA-256. A copy is used only when its stamp is the
one computed from the files as they are now, so adding, removing, renaming or editing any file rebuilds it.

Never trusted over the source:

- Every file is read and hashed on every load, not only stat-ed: an edit that keeps the size and the
  modification time (a file restored with its old mtime, two saves within a coarse mtime's tick, a checkout)
  is still seen. It costs ~10 ms for 14 MB, a small part of reading the copy.
- The copy is JSON, never pickle, so reading it runs no code; and pydantic validates it again with the same
  models while reading it, then the pack rules are checked again (unique ids, declared areas, each kind's
  fields). A corrupt, truncated, hand-edited or wrong-version copy is ignored and rebuilt from the source;
  it can neither crash a load nor let a value in that the source files could not hold. (Someone who can write
  the user's data folder could swap in other *valid* questions; they could also edit the pack itself.)
- Only a pack that loaded without a single problem is copied, so an invalid pack is always read from its
  files, and its problems reported with their lines.
- The copy is written with :func:`~tui_interview.domain.files.write_atomically`, never through a link out of
  the data folder, and not flushed to the disk (a copy torn by a power cut is rebuilt like any corrupt one);
  when it cannot be written (a read-only data folder, a full disk) the pack still loads, only not faster
  next time.

``bank validate`` does not use this: it is the check of the files as they are, for pack authors and CI, and
should neither depend on nor write into a data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import pydantic
from pydantic import BaseModel, ConfigDict

from tui_interview.domain import bounds, files, vocabulary
from tui_interview.domain.bank import pack as pack_module
from tui_interview.domain.bank import problems
from tui_interview.domain.bank.pack import (
    Pack,
    PackInfo,
    PackSources,
    Question,
    follows_pack_rules,
    load_pack,
    pack_from_sources,
    read_pack_sources,
)
from tui_interview.domain.files import CACHE_FILE_LIMIT, collector_paused, read_regular_file, write_atomically

CACHE_VERSION: Final = 1
"""The layout of the cache file; a copy of another version is rebuilt."""

Stamp = Mapping[str, object]


class _CachedPack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    info: PackInfo
    questions: list[Question]


def load_pack_cached(folder: Path, cache_folder: Path) -> Pack:
    """:func:`~tui_interview.domain.bank.pack.load_pack`, through a validated copy kept in ``cache_folder``.

    The result, and the :class:`PackError` of an invalid pack, are those of ``load_pack``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return load_pack(folder)  # raises the problem
    with collector_paused():
        sources = read_pack_sources(folder)
        copy = _Copy.of(sources, Path(cache_folder))
        cached = copy.read() if copy is not None else None
        if cached is not None:
            return cached
        pack = pack_from_sources(sources)
    if copy is not None:
        copy.write(pack)
    return pack


@dataclass(frozen=True)
class _Copy:
    """Where the copy of one pack folder is kept, and the stamp it must carry to be used."""

    path: Path
    stamp: Stamp
    folder: Path

    @classmethod
    def of(cls, sources: PackSources, cache_folder: Path) -> _Copy | None:
        """None when a file cannot be read or the folder's real path found: the pack is read from source."""
        try:
            real = str(sources.folder.resolve(strict=True))
        except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
            return None
        stamp = _stamp(sources, real)
        if stamp is None:
            return None
        name = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
        return cls(cache_folder / f"{name}.json", stamp, sources.folder)

    def read(self) -> Pack | None:
        """The pack from the copy; None when there is none, or it is unreadable, stale or invalid."""
        try:
            header, _, body = read_regular_file(self.path, CACHE_FILE_LIMIT).partition(b"\n")
            if json.loads(header) != self.stamp:
                return None
            copy = _CachedPack.model_validate_json(body)
        except (OSError, ValueError, RecursionError):  # pydantic's ValidationError and JSON errors are ValueErrors
            return None
        if not follows_pack_rules(copy.info, copy.questions):
            return None
        return Pack(info=copy.info, questions=tuple(copy.questions), folder=self.folder)

    def write(self, pack: Pack) -> None:
        """Keep a copy of ``pack``; quietly not when it cannot be written."""
        if self.path.parent.is_symlink() or self.path.parent.parent.is_symlink():
            return  # never write through a link out of the data folder
        with contextlib.suppress(OSError, ValueError):
            copy = _CachedPack(info=pack.info, questions=list(pack.questions))
            header = json.dumps(self.stamp, separators=(",", ":")).encode("ascii")
            body = copy.__pydantic_serializer__.to_json(copy, exclude_unset=True)
            if len(header) + 1 + len(body) <= CACHE_FILE_LIMIT:  # a larger copy would be refused when read
                write_atomically(self.path, header + b"\n" + body, durable=False)  # checked when read


def _stamp(sources: PackSources, real_folder: str) -> Stamp | None:
    """What a copy of this pack must have been made from; None when a file cannot be read (no copy is used)."""
    code = _code_fingerprint()
    if code is None or sources.info is None:
        return None
    stamps: list[list[object]] = []
    for file in sources.files:
        if file.data is None:
            return None
        try:
            modified = file.path.stat().st_mtime_ns
        except OSError:
            return None
        stamps.append([file.path.name, len(file.data), modified, hashlib.sha256(file.data).hexdigest()])
    return {"version": CACHE_VERSION, "code": code, "folder": real_folder, "files": stamps}


@cache
def _code_fingerprint() -> str | None:
    """A hash of what decides how a pack's files are read and validated; None if a module's source is unreadable."""
    versions = f"{CACHE_VERSION} {sys.version} {pydantic.VERSION}"
    digest = hashlib.sha256(versions.encode("utf-8"))
    for module in (bounds, vocabulary, files, problems, pack_module):
        if module.__file__ is None:
            return None
        try:
            digest.update(Path(module.__file__).read_bytes())
        except OSError:
            return None
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()
