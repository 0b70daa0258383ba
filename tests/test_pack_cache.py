"""The validated copy of a pack in the data folder's cache: used only for unchanged files, never over them."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TEST_PACK, run_cli
from tui_interview.domain.bank import pack_cache
from tui_interview.domain.bank.pack import Pack, PackSources, load_pack, pack_from_sources
from tui_interview.domain.bank.pack_cache import CACHE_VERSION, load_pack_cached
from tui_interview.domain.bank.problems import PackError
from tui_interview.domain.files import CACHE_FILE_LIMIT
from tui_interview.domain.locations import pack_cache_dir
from tui_interview.domain.settings import Settings
from tui_interview.domain.workspace import Workspace

NEW_QUESTION = """
[[questions]]
id = "serving-extra"
area = "serving"
kind = "technical"
level = "mid"
minutes = 5
prompt = "What does a canary release prove?"

[[questions.points]]
text = "Limits the blast radius"
keywords = ["blast radius"]
"""


class Loads:
    """Counts the loads that had to parse and validate the source files (the copy was not used)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.from_source = 0
        parse = pack_from_sources

        def counted(sources: PackSources) -> Pack:
            self.from_source += 1
            return parse(sources)

        monkeypatch.setattr(pack_cache, "pack_from_sources", counted)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(TEST_PACK, copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return pack_cache_dir(tmp_path / "home")


def copy_file(cache: Path) -> Path:
    [path] = cache.iterdir()
    return path


def same_pack(a: Pack, b: Pack) -> bool:
    fields_set = [q.model_fields_set for q in a.questions] == [q.model_fields_set for q in b.questions]
    return a.info == b.info and a.questions == b.questions and a.folder == b.folder and fields_set


def test_an_unchanged_pack_is_read_from_its_copy_and_is_the_same_pack(folder: Path, cache: Path, loads: Loads) -> None:
    first = load_pack_cached(folder, cache)
    second = load_pack_cached(folder, cache)
    assert loads.from_source == 1
    assert same_pack(second, first)
    assert same_pack(second, load_pack(folder))
    header = json.loads(copy_file(cache).read_bytes().partition(b"\n")[0])
    assert header["version"] == CACHE_VERSION
    assert [entry[0] for entry in header["files"]] == ["pack.toml", "questions.toml"]


def test_the_shipped_pack_reads_the_same_from_its_copy(cache: Path) -> None:
    from tui_interview.domain.locations import default_pack_dir

    load_pack_cached(default_pack_dir(), cache)
    assert same_pack(load_pack_cached(default_pack_dir(), cache), load_pack(default_pack_dir()))


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(folder: Path, cache: Path, loads: Loads) -> None:
    load_pack_cached(folder, cache)
    path = folder / "questions.toml"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"first check"', b'"first_check"', 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    pack = load_pack_cached(folder, cache)
    assert loads.from_source == 2
    assert pack.question("recruiter-q1").points[0].keywords[0] == "first_check"


def test_an_added_or_removed_file_is_seen(folder: Path, cache: Path, loads: Loads) -> None:
    load_pack_cached(folder, cache)
    (folder / "extra.toml").write_text(NEW_QUESTION, encoding="utf-8")
    assert "serving-extra" in load_pack_cached(folder, cache).by_id
    assert "serving-extra" in load_pack_cached(folder, cache).by_id
    (folder / "extra.toml").unlink()
    assert "serving-extra" not in load_pack_cached(folder, cache).by_id
    assert loads.from_source == 3


def test_a_pack_made_invalid_is_never_served_from_its_copy(folder: Path, cache: Path) -> None:
    load_pack_cached(folder, cache)
    copy_before = copy_file(cache).read_bytes()
    path = folder / "questions.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('level = "mid"', 'level = "guru"', 1), encoding="utf-8")
    with pytest.raises(PackError) as cached_error:
        load_pack_cached(folder, cache)
    with pytest.raises(PackError) as source_error:
        load_pack(folder)
    assert str(cached_error.value) == str(source_error.value)
    assert "line 4: question 'recruiter-q1': field 'level'" in str(cached_error.value)
    assert copy_file(cache).read_bytes() == copy_before  # an invalid pack is never copied


def test_an_invalid_pack_leaves_no_copy(folder: Path, cache: Path) -> None:
    (folder / "extra.toml").write_text(NEW_QUESTION.replace('area = "serving"', 'area = "nowhere"'), encoding="utf-8")
    with pytest.raises(PackError, match="unknown area 'nowhere'"):
        load_pack_cached(folder, cache)
    assert not cache.exists()


def _rewrite_header(key: str, value: object) -> Callable[[bytes], bytes]:
    def rewrite(raw: bytes) -> bytes:
        header, _, body = raw.partition(b"\n")
        stamp = json.loads(header)
        stamp[key] = value
        return json.dumps(stamp).encode() + b"\n" + body

    return rewrite


def _rewrite_body(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def rewrite(raw: bytes) -> bytes:
        header, _, body = raw.partition(b"\n")
        assert old in body
        return header + b"\n" + body.replace(old, new)

    return rewrite


@pytest.mark.parametrize(
    "damage",
    [
        lambda _raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.partition(b"\n")[0],
        lambda _raw: b"\x00\xff" * 1000,
        lambda raw: raw.partition(b"\n")[0] + b"\n" + b"[" * 100_000,
        lambda _raw: b"[" * 100_000 + b"\n",
        _rewrite_header("version", CACHE_VERSION + 1),
        _rewrite_header("code", "another build"),
        _rewrite_body(b'"minutes":3', b'"minutes":-1'),
        _rewrite_body(b'"minutes":3', b'"minutes":NaN'),
        _rewrite_body(b'"area":"recruiter"', b'"area":"nowhere"'),
        _rewrite_body(b'"kind":"screen"', b'"kind":"__import__(\'os\')"'),
        _rewrite_body(b'"id":"recruiter-q2"', b'"id":"recruiter-q1"'),
        _rewrite_body(b'"level":"mid"', b'"level":"mid","extra":1'),
    ],
    ids=[
        "empty",
        "truncated",
        "header-only",
        "binary-garbage",
        "deep-json-body",
        "deep-json-header",
        "newer-version",
        "other-code",
        "out-of-range-minutes",
        "nan-minutes",
        "undeclared-area",
        "hostile-kind",
        "duplicate-id",
        "unknown-field",
    ],
)
def test_a_damaged_or_foreign_copy_is_ignored_and_rebuilt(
    folder: Path, cache: Path, loads: Loads, damage: Callable[[bytes], bytes]
) -> None:
    expected = load_pack_cached(folder, cache)
    path = copy_file(cache)
    path.write_bytes(damage(path.read_bytes()))
    assert same_pack(load_pack_cached(folder, cache), expected)
    assert loads.from_source == 2
    assert same_pack(load_pack_cached(folder, cache), expected)  # rebuilt: read from the copy again
    assert loads.from_source == 2


def test_a_copy_that_is_a_folder_or_too_large_is_ignored(folder: Path, cache: Path, loads: Loads) -> None:
    load_pack_cached(folder, cache)
    path = copy_file(cache)
    path.unlink()
    path.mkdir()
    assert len(load_pack_cached(folder, cache).questions) == 20
    path.rmdir()
    with path.open("wb") as handle:
        handle.truncate(CACHE_FILE_LIMIT + 1)
    assert len(load_pack_cached(folder, cache).questions) == 20
    assert loads.from_source == 3


@pytest.mark.parametrize("how", ["a-file-in-the-way", "read-only-disk"])
def test_a_cache_that_cannot_be_written_does_not_stop_the_pack_loading(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: Loads, how: str
) -> None:
    cache = tmp_path / "home" / "cache" / "packs"
    if how == "a-file-in-the-way":
        cache.parent.mkdir(parents=True)
        cache.write_text("not a folder", encoding="utf-8")
    else:

        def read_only(path: Path, _data: bytes, **_options: bool) -> None:
            raise OSError(errno.EROFS, "Read-only file system", str(path))

        monkeypatch.setattr(pack_cache, "write_atomically", read_only)
    assert same_pack(load_pack_cached(folder, cache), load_pack(folder))
    assert same_pack(load_pack_cached(folder, cache), load_pack(folder))
    assert loads.from_source == 2


def test_a_copy_is_never_written_through_a_link(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = tmp_path / "home" / "cache" / "packs"
    cache.parent.mkdir(parents=True)
    cache.symlink_to(outside, target_is_directory=True)
    assert len(load_pack_cached(folder, cache).questions) == 20
    assert list(outside.iterdir()) == []


def test_an_unreadable_pack_file_is_reported_as_from_the_source(folder: Path, cache: Path) -> None:
    load_pack_cached(folder, cache)
    (folder / "more.toml").mkdir()
    with pytest.raises(PackError) as caught:
        load_pack_cached(folder, cache)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder / 'more.toml'}: cannot be read: not a regular file (a folder)"
    ]


def test_a_missing_folder_is_reported_as_load_pack_does(tmp_path: Path, cache: Path) -> None:
    with pytest.raises(PackError, match="not a folder"):
        load_pack_cached(tmp_path / "nowhere", cache)


def test_two_folders_have_two_copies(folder: Path, tmp_path: Path, cache: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    (other / "extra.toml").write_text(NEW_QUESTION, encoding="utf-8")
    load_pack_cached(folder, cache)
    load_pack_cached(other, cache)
    assert len(list(cache.iterdir())) == 2
    assert "serving-extra" not in load_pack_cached(folder, cache).by_id
    assert load_pack_cached(other, cache).folder == other


def test_the_workspace_loads_its_packs_through_the_data_folders_cache(folder: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = Settings(pack_path=folder, stages_path=SHIPPED_STAGES, data_home=home, use_history=False)
    Workspace(settings).load_all()
    assert len(list(pack_cache_dir(home).iterdir())) == 1
    assert len(Workspace(settings).pack.questions) == 20


def test_bank_validate_reads_the_source_and_writes_nothing(
    folder: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "bank", "validate", str(folder))
    assert code == 0
    assert "valid, pack 'testpack' with 20 questions" in out
    assert not pack_cache_dir(data_home).exists()
