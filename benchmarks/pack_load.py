"""Loading a large question pack: ``load_pack`` on 5,000 generated questions in 10 files.

Run: ``python benchmarks/pack_load.py [--questions N] [--files N] [--repeats N]``

The pack is written to a temporary folder: every question has points with keywords, tags, follow-ups and
a model answer; every fifth one is a scenario with steps, every seventh has a dated fact. ``load_pack``
is timed (best and median of the repeats) against the baseline of parsing the same files with plain
``tomllib``. Target: ``load_pack`` <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

TARGET_SECONDS = 1.0
AREAS = ("pipelines", "serving", "tracking", "infrastructure", "llmops")
KINDS = ("technical", "tradeoff", "trends", "debugging")
LEVELS = ("junior", "mid", "senior", "staff")
WORDS: tuple[str, ...] = ("latency", "rollout", "registry", "feature", "drift", "canary", "shadow")
WORDS += ("batch", "stream", "gpu", "quota", "cache", "index", "eval")


# Generating the pack -----------------------------------------------------------------------------


def _words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count))


def _point(seed: int) -> dict[str, Any]:
    keywords = [f"{_words(seed + k, 2)} {k}" for k in range(4)]
    return {"text": f"Explains {_words(seed, 8)}", "keywords": keywords}


def _question(number: int) -> dict[str, Any]:
    scenario = number % 5 == 0
    question: dict[str, Any] = {
        "id": f"q{number:05d}-{WORDS[number % len(WORDS)]}",
        "area": AREAS[number % len(AREAS)],
        "kind": "scenario" if scenario else KINDS[number % len(KINDS)],
        "level": LEVELS[number % len(LEVELS)],
        "minutes": 5 + number % 6,
        "prompt": f"Question {number}: {_words(number, 40)}?\n{_words(number + 1, 30)}.",
        "tags": [WORDS[(number + k) % len(WORDS)] for k in range(3)],
        "follow_ups": [f"And {_words(number + k, 10)}?" for k in range(2)],
        "model_answer": "\n".join(f"- {_words(number + k, 20)}." for k in range(6)),
        "points": [_point(number * 10 + k) for k in range(4)],
    }
    if scenario:
        question["steps"] = [
            {"reveal": f"Then {_words(number + s, 25)}.", "points": [_point(number * 10 + s * 3 + k) for k in range(2)]}
            for s in range(3)
        ]
    if number % 7 == 0:
        question["as_of"] = "2026-01"
        question["facts"] = [{"text": _words(number, 12), "source": "https://example.com/report", "as_of": "2026-01"}]
    return question


def write_pack(folder: Path, questions: int, files: int) -> int:
    """Write a valid pack into ``folder``; return its size in bytes."""
    info = {"id": "bench", "title": "Benchmark", "role": "MLOps", "areas": [{"id": a, "title": a} for a in AREAS]}
    (folder / "pack.toml").write_text(tomli_w.dumps(info), encoding="utf-8")
    per_file = -(-questions // files)
    for index in range(files):
        numbers = range(index * per_file, min((index + 1) * per_file, questions))
        text = tomli_w.dumps({"questions": [_question(n) for n in numbers]}, multiline_strings=True)
        (folder / f"part-{index:02d}.toml").write_text(text, encoding="utf-8")
    return sum(path.stat().st_size for path in folder.glob("*.toml"))


# Timing ------------------------------------------------------------------------------------------


def parse_only(folder: Path) -> int:
    """The baseline: read and parse every file with tomllib, nothing else."""
    count = 0
    for path in sorted(folder.glob("*.toml")):
        count += len(tomllib.loads(path.read_bytes().decode("utf-8")).get("questions", []))
    return count


def timings(work: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float]) -> None:
    print(f"{label:<22} best {min(times) * 1000:>7.1f} ms   median {statistics.median(times) * 1000:>7.1f} ms")


def run(questions: int, files: int, repeats: int) -> None:
    from tui_interview.domain.bank.pack import load_pack

    with tempfile.TemporaryDirectory(prefix="tui-bench-pack-") as tmp:
        folder = Path(tmp)
        size = write_pack(folder, questions, files)
        loaded = len(load_pack(folder).questions)  # also warms imports and pydantic validators
        assert loaded == questions == parse_only(folder), f"expected {questions} questions, loaded {loaded}"
        print(f"Pack: {questions} questions in {files} files + pack.toml, {size / 1e6:.1f} MB; {repeats} repeats")
        load = timings(lambda: load_pack(folder), repeats)
        parse = timings(lambda: parse_only(folder), repeats)
    show("load_pack", load)
    show("tomllib parse only", parse)
    best_ratio = min(load) / min(parse)
    median_ratio = statistics.median(load) / statistics.median(parse)
    print(f"load / parse ratio: {best_ratio:.2f} (best), {median_ratio:.2f} (medians)")
    print(f"load_pack beyond parsing (best - best): {(min(load) - min(parse)) / questions * 1e6:.0f} us per question")
    verdict = "meets" if min(load) <= TARGET_SECONDS else "MISSES"
    print(f"target: load_pack <= {TARGET_SECONDS:.1f} s -> best {min(load):.3f} s {verdict} the target")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    run(args.questions, args.files, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
