"""Reading TOML fast and safely: the nesting pre-check, the compiled parser and its fallback, the paused collector."""

from __future__ import annotations

import gc
import random
import sys
import tomllib
import types
from collections.abc import Iterator
from typing import Any

import pytest

from tui_interview.domain import files
from tui_interview.domain.files import MAX_NESTING, collector_paused, fast_toml_loads, nesting_depth_exceeds, parse_toml


def reference_depth_exceeds(text: str, limit: int) -> bool:
    """A plain character-by-character reading of TOML's strings, comments and brackets, as the oracle."""
    depth, position = 0, 0
    while position < len(text):
        for quote in ('"""', "'''"):
            if text.startswith(quote, position):
                position = _after_multi_line(text, position + 3, quote)
                break
        else:
            char = text[position]
            if char in "\"'":
                position = _after_one_line(text, position + 1, char)
            elif char == "#":
                position = _end_of_line(text, position)
            else:
                if char in "[{":
                    depth += 1
                    if depth > limit:
                        return True
                elif char in "]}":
                    depth = max(depth - 1, 0)
                position += 1
    return False


def _end_of_line(text: str, position: int) -> int:
    newline = text.find("\n", position)
    return len(text) if newline < 0 else newline


def _after_multi_line(text: str, position: int, quote: str) -> int:
    start = position
    while position < len(text):
        if quote == '"""' and text[position] == "\\":
            position += 2
        elif text.startswith(quote, position):
            end = position + 3
            while end < len(text) and end - position < 5 and text[end] == quote[0]:
                end += 1  # one or two quotes of the content just before the closing three
            return end
        else:
            position += 1
    return _end_of_line(text, start)  # never closed: the rest of the line


def _after_one_line(text: str, position: int, quote: str) -> int:
    start = position
    while position < len(text) and text[position] != "\n":
        if quote == '"' and text[position] == "\\":
            if position + 1 < len(text) and text[position + 1] == "\n":
                break
            position += 2
        elif text[position] == quote:
            return position + 1
        else:
            position += 1
    return _end_of_line(text, start)


def test_the_nesting_pre_check_agrees_with_a_plain_reading_on_random_documents() -> None:
    pieces = ['"', "'", '"""', "'''", "#", "[", "]", "{", "}", "\n", "\\", "a", " ", "=", ","]
    generator = random.Random(11)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 60)))
        limit = generator.randint(0, 8)
        assert nesting_depth_exceeds(text, limit) == reference_depth_exceeds(text, limit), (text, limit)


def test_quotes_just_before_a_closing_delimiter_do_not_hide_the_brackets_after_it() -> None:
    deep = "[" * (MAX_NESTING + 1)
    for text in (f'x = ["""a"""", {deep}\n', f'x = ["""a""""", {deep}\n', f"x = ['''a'''', {deep}\n"):
        assert nesting_depth_exceeds(text), text
    assert parse_toml('x = """a"""""\n') == {"x": 'a""'}


def test_deep_but_closed_nesting_and_unclosed_brackets_are_both_measured() -> None:
    closed = "x = " + "[" * 60 + "]" * 60 + "\n"
    assert not nesting_depth_exceeds(closed * 50)
    assert nesting_depth_exceeds("x = " + "[" * 60 + "[" * 41 + "]" * 101 + "\n")
    unclosed = "x = [" * 50 + "\n"
    assert not nesting_depth_exceeds(unclosed + "[" * 50 + "]" * 50)  # 100 deep
    assert nesting_depth_exceeds(unclosed + "[" * 51 + "]" * 51)  # 101 deep
    assert not nesting_depth_exceeds("x = " + "[" * 60 + "]" * 60 + "\n" + unclosed)  # 60, then 50 deep
    assert not nesting_depth_exceeds("]" * 500 + "[" * 100)


@pytest.mark.parametrize(
    "text",
    ["x = {a = 1,}\n", "x = {\na = 1\n}\n", 'x = "\\e"\n', 'x = "\\x41"\n', "x = 10:30\n", "[[questions]\n"],
    ids=["trailing-comma", "newline-in-inline-table", "escape-e", "escape-x", "time-without-seconds", "syntax"],
)
def test_what_tomllib_refuses_is_refused_in_its_own_words(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as ours:
        parse_toml(text)
    with pytest.raises(tomllib.TOMLDecodeError) as stdlib:
        tomllib.loads(text)
    assert str(ours.value) == str(stdlib.value)


@pytest.fixture
def fresh_reader() -> Iterator[None]:
    fast_toml_loads.cache_clear()
    yield
    fast_toml_loads.cache_clear()


def _fake_tomli(loads: Any) -> types.ModuleType:
    module = types.ModuleType("tomli")
    module.loads = loads  # type: ignore[attr-defined]
    return module


@pytest.mark.usefixtures("fresh_reader")
def test_a_tomli_that_reads_a_newer_toml_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tomli", _fake_tomli(lambda text: {"read": text}))
    assert fast_toml_loads() is None
    assert parse_toml('a = "b"\n') == {"a": "b"}


@pytest.mark.usefixtures("fresh_reader")
def test_without_tomli_tomllib_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tomli", None)  # import tomli raises ImportError
    assert fast_toml_loads() is None
    assert parse_toml('a = "[[["\n') == {"a": "[[["}


@pytest.mark.usefixtures("fresh_reader")
def test_a_same_dialect_tomli_reads_and_tomllib_reports_its_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def loads(text: str) -> dict[str, Any]:
        calls.append(text)
        return tomllib.loads(text)

    monkeypatch.setitem(sys.modules, "tomli", _fake_tomli(loads))
    assert fast_toml_loads() is loads
    calls.clear()
    assert parse_toml("a = 1\n") == {"a": 1}
    with pytest.raises(tomllib.TOMLDecodeError, match="Invalid value"):
        parse_toml("a = \n")
    assert calls == ["a = 1\n", "a = \n"]


@pytest.mark.usefixtures("fresh_reader")
def test_a_document_past_the_compiled_parsers_safe_depth_is_read_by_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(_text: str) -> dict[str, Any]:
        raise AssertionError("the compiled parser was given a document deeper than MAX_NESTING")

    monkeypatch.setitem(sys.modules, "tomli", _fake_tomli(tomllib.loads))
    assert fast_toml_loads() is not None
    monkeypatch.setattr(files, "fast_toml_loads", lambda: must_not_run)
    deep = "x = " + "[" * 200 + "]" * 200 + "\n"
    assert parse_toml(deep, max_nesting=1000) == tomllib.loads(deep)


def test_the_collector_is_paused_then_restored_and_pauses_nest() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_disabled_by_the_program_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
