"""Point-coverage quality of the offline grader, and optionally of an LLM judge, against hand-labelled answers.

Run: ``python benchmarks/grading_eval.py [--labels PATH | --devset] [--worst N] [--pack PATH]
[--judge URL --model NAME [--timeout S] [--api-key-env NAME] [--cache DIR]]``

Labels are TOML files of ``[[answers]]``, each with ``id``, ``question`` (a question id of the pack), ``style``
(strong, partial, paraphrase, name-drop, ...), ``covered`` (one true/false per point of ``question.all_points``,
in order: what a fair interviewer would tick) and ``text`` (the answer), optionally ``voice`` and ``red_flag``
(whether, or which, wrong claim the answer makes). ``--labels`` takes one file or a folder (every ``*.toml`` in
it); the default is ``benchmarks/grading_labels.toml``, ``--devset`` is short for
``--labels benchmarks/grading_devset/``, ``--heldout2`` for ``--labels benchmarks/grading_heldout2/`` and
``--heldout3`` for ``--labels benchmarks/grading_heldout3/``.

Every answer is graded with :func:`tui_interview.domain.grading.grade.grade_answer` and compared point by point
with the labels (positive = covered; a *possible* point is not covered). Prints precision, recall, F1 and
Cohen's kappa (agreement beyond chance), overall and per answer style, with the confusion counts. With
``--judge URL --model NAME`` each answer is also judged by that OpenAI-compatible endpoint and the same figures
are printed for the judge alone and for the final merged grade (the judge checked by the offline rules, see
:mod:`tui_interview.domain.grading.judged`); answers the judge failed on are counted and keep the offline grade.

For the labels of ``grading_labels.toml`` (written together with the rules) it also lists the answers where
grader and labels disagree most and every false positive. The dev set is held out: for it only the aggregate
figures are printed, so that the rules are measured on it, not tuned to it.
Targets: on ``grading_labels.toml`` F1 >= 0.85 with precision >= 0.90; on the dev set precision >= 0.90 with
F1 >= 0.72 for the offline grader and F1 >= 0.85 for the judge.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Pack
    from tui_interview.domain.config import JudgeConfig
    from tui_interview.domain.grading.results import Match

HERE = Path(__file__).resolve().parent
LABELS = HERE / "grading_labels.toml"
DEVSET = HERE / "grading_devset"
HELDOUT2 = HERE / "grading_heldout2"
"""A second held-out set, written after the rules were built and measured only before and after changes."""
HELDOUT3 = HERE / "grading_heldout3"
"""A third, written by someone who never read or ran the grader nor saw the pack's keywords."""
TARGET_F1 = 0.85
TARGET_PRECISION = 0.90
DEVSET_TARGET_F1 = 0.72
JUDGE_TARGET_F1 = 0.85


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def __iadd__(self, other: Confusion) -> Confusion:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        return self

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa between grader and labels: 1 full agreement, 0 what chance alone would give."""
        n = self.total
        if not n:
            return 0.0
        observed = (self.tp + self.tn) / n
        chance = ((self.tp + self.fp) * (self.tp + self.fn) + (self.fn + self.tn) * (self.fp + self.tn)) / n**2
        if chance >= 1.0:  # grader and labels both constant: agreement is total or nil
            return 1.0 if observed == 1.0 else 0.0
        return (observed - chance) / (1.0 - chance)

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  κ {self.kappa:+.3f}   "
            f"TP {self.tp:>4}  FP {self.fp:>4}  FN {self.fn:>4}  TN {self.tn:>4}"
        )


@dataclass(frozen=True)
class LabelledAnswer:
    id: str
    question: str
    style: str
    covered: tuple[bool, ...]
    text: str
    source: Path
    voice: str | None = None
    red_flag: object = None
    """As written in the labels: true/false, the wrong claim's text or index, or a list of them; None when absent."""

    @property
    def has_red_flag(self) -> bool:
        return self.red_flag is not None and self.red_flag is not False and self.red_flag != [] and self.red_flag != ""


@dataclass
class Disagreement:
    answer_id: str
    question_id: str
    style: str
    errors: list[str] = field(default_factory=list)


@dataclass
class Scores:
    """One grader's agreement with the labels."""

    name: str
    overall: Confusion = field(default_factory=Confusion)
    by_style: dict[str, Confusion] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    flagged: Counter[str] = field(default_factory=Counter)
    """Answers where this grader found a red flag: "labelled" (the labels say there is one) or "unlabelled"."""

    coverage: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    """Per style, each answer's share of points credited and the share its labels cover."""

    def add(self, entry: LabelledAnswer, predicted: Sequence[bool]) -> None:
        style = self.by_style.setdefault(entry.style, Confusion())
        for guess, actual in zip(predicted, entry.covered, strict=True):
            self.overall.add(guess, actual)
            style.add(guess, actual)
        shares = (sum(predicted) / len(predicted), sum(entry.covered) / len(entry.covered))
        self.coverage.setdefault(entry.style, []).append(shares)

    def coverage_line(self, style: str) -> str:
        shares = self.coverage[style]
        credited = sum(share for share, _ in shares) / len(shares)
        labelled = sum(share for _, share in shares) / len(shares)
        return f"coverage {credited:.2f} (labels {labelled:.2f})"


# Loading the labels -----------------------------------------------------------------------------------------


class LabelError(Exception):
    pass


def load_labels(path: Path) -> list[LabelledAnswer]:
    """Every labelled answer in ``path``: one TOML file, or every ``*.toml`` file of a folder, in name order."""
    if path.is_dir():
        files = sorted(child for child in path.glob("*.toml") if child.is_file())
        if not files:
            raise LabelError(f"{path}: no *.toml files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise LabelError(f"{path}: no such file or folder")
    answers: list[LabelledAnswer] = []
    seen: dict[str, Path] = {}
    for file in files:
        for entry in _load_file(file):
            if entry.id in seen:
                raise LabelError(f"{file}: answer id {entry.id!r} is also in {seen[entry.id]}")
            seen[entry.id] = file
            answers.append(entry)
    return answers


def _load_file(path: Path) -> list[LabelledAnswer]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LabelError(f"{path}: cannot be read: {error}") from None
    items = data.get("answers")
    if not isinstance(items, list):
        raise LabelError(f"{path}: no [[answers]]")
    return [_entry(path, number, item) for number, item in enumerate(items, start=1)]


def _entry(path: Path, number: int, item: object) -> LabelledAnswer:
    where = f"{path}: answer {number}"
    if not isinstance(item, dict):
        raise LabelError(f"{where}: not a table")
    if isinstance(item.get("id"), str):
        where += f" ({item['id']})"
    for key in ("id", "question", "style", "text"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise LabelError(f"{where}: {key!r} must be a non-empty string")
    covered = item.get("covered")
    if not isinstance(covered, list) or not all(isinstance(value, bool) for value in covered):
        raise LabelError(f"{where}: 'covered' must be a list of true/false, one per point")
    voice = item.get("voice")
    if voice is not None and not isinstance(voice, str):
        raise LabelError(f"{where}: 'voice' must be a string")
    return LabelledAnswer(
        id=item["id"],
        question=item["question"],
        style=item["style"],
        covered=tuple(covered),
        text=item["text"],
        source=path,
        voice=voice,
        red_flag=item.get("red_flag"),
    )


def held_out(path: Path) -> bool:
    """True for the dev set and the held-out sets (or a part of them): only aggregate figures are printed for them."""
    resolved = path.resolve()
    return any(resolved == folder or folder in resolved.parents for folder in (DEVSET, HELDOUT2, HELDOUT3))


# Grading ----------------------------------------------------------------------------------------------------


def evaluate(
    labels: Sequence[LabelledAnswer], pack: Pack, judge: JudgeConfig | None = None, cache: Path | None = None
) -> tuple[list[Scores], int]:
    """Offline scores and, with ``judge``, the judge's alone and merged; and how many answers the judge failed."""
    from tui_interview.domain.grading.grade import grade_answer

    offline = Scores("offline")
    alone, merged = Scores("judge alone"), Scores("judge merged")
    failures = 0
    for number, entry in enumerate(labels, start=1):
        question = pack.by_id.get(entry.question)
        if question is None:
            raise LabelError(f"{entry.source}: answer {entry.id!r}: unknown question {entry.question!r}")
        if len(entry.covered) != len(question.all_points):
            raise LabelError(
                f"{entry.source}: answer {entry.id!r}: {len(entry.covered)} labels for "
                f"{len(question.all_points)} points of {question.id}"
            )
        grade = grade_answer(question, entry.text)
        offline.add(entry, [point.covered for point in grade.points])
        _count_flags(offline, entry, bool(grade.red_flags))
        disagreement = Disagreement(entry.id, question.id, entry.style)
        for point, actual in zip(grade.points, entry.covered, strict=True):
            if point.covered != actual:
                disagreement.errors.append(_describe_error(point.index, point.covered, point.matches, point.text))
        if disagreement.errors:
            offline.disagreements.append(disagreement)
        if judge is None:
            continue
        from tui_interview.domain.grading.judge import judge_answer
        from tui_interview.domain.grading.judged import merge_verdict

        verdict = judge_answer(question, entry.text, judge, cache_dir=cache)
        if not verdict.ok:
            failures += 1
        judged = [verdict.point(n) for n in range(len(question.all_points))]
        alone.add(entry, [item is not None and item.status == "covered" for item in judged])
        _count_flags(alone, entry, bool(verdict.red_flags))
        final = merge_verdict(question, entry.text, grade, verdict).grade
        merged.add(entry, [point.covered for point in final.points])
        _count_flags(merged, entry, bool(final.red_flags))
        if number % 10 == 0:
            print(f"  judged {number} of {len(labels)} answers ({failures} failed)", file=sys.stderr)
    return ([offline, alone, merged] if judge is not None else [offline]), failures


def _count_flags(scores: Scores, entry: LabelledAnswer, found: bool) -> None:
    if found:
        scores.flagged["labelled" if entry.has_red_flag else "unlabelled"] += 1


def _describe_error(index: int, covered: bool, matches: Sequence[Match], text: str) -> str:
    if covered:
        found = ", ".join(f"{m.keyword!r}~{m.text!r}{' (typo)' if m.fuzzy else ''}" for m in matches)
        return f"FP [{index}] {text[:60]}... <- {found}"
    return f"FN [{index}] {text[:70]}..."


def _without(by_style: dict[str, Confusion], excluded: str) -> Confusion:
    total = Confusion()
    for style, confusion in by_style.items():
        if style != excluded:
            total += confusion
    return total


# Reporting --------------------------------------------------------------------------------------------------


def report(
    labels: Sequence[LabelledAnswer],
    pack: Pack,
    *,
    worst: int,
    details: bool,
    devset: bool,
    judge: JudgeConfig | None = None,
    cache: Path | None = None,
) -> bool:
    """Print the figures; True when the offline grader (and the merged judge, when asked) meet their targets."""
    all_scores, failures = evaluate(labels, pack, judge, cache)
    offline = all_scores[0]
    questions = Counter(entry.question for entry in labels)
    files = len({entry.source for entry in labels})
    print(
        f"Labelled set: {len(labels)} answers in {files} file(s), {len(questions)} questions, "
        f"{offline.overall.total} point judgements"
    )
    if judge is not None:
        print(f"Judge: {judge.model} at {judge.base_url}; failed on {failures} of {len(labels)} answers")
    for scores in all_scores:
        print(f"{scores.name:<15}{scores.overall.line()}")
    print(f"{'w/o paraphrase':<15}{_without(offline.by_style, 'paraphrase').line()}  (offline, in the pack's words)")
    for scores in all_scores:
        print(f"\nby answer style ({scores.name}):")
        for style, confusion in sorted(scores.by_style.items()):
            print(f"  {style:<13}{confusion.line()}  {scores.coverage_line(style)}")
    flagged = sum(entry.has_red_flag for entry in labels)
    if flagged:
        print(f"\nred flags found ({flagged} of {len(labels)} answers are labelled with one):")
        for scores in all_scores:
            print(
                f"  {scores.name:<13}on {scores.flagged['labelled']} of {flagged} labelled, "
                f"on {scores.flagged['unlabelled']} of {len(labels) - flagged} others"
            )
    if details:
        _print_details(offline, worst)
    else:
        print("\nper-answer details are not printed for the dev set: it is held out, to measure with, not to tune on")
    target_f1 = DEVSET_TARGET_F1 if devset else TARGET_F1
    met = _target("offline", offline.overall, target_f1, TARGET_PRECISION)
    if judge is not None:
        met = _target("judge merged", all_scores[2].overall, JUDGE_TARGET_F1, TARGET_PRECISION) and met
    return met


def _print_details(offline: Scores, worst: int) -> None:
    disagreements = offline.disagreements
    print(f"\nworst disagreements, offline ({len(disagreements)} answers disagree on at least one point):")
    for item in sorted(disagreements, key=lambda d: -len(d.errors))[:worst]:
        print(f"- {item.answer_id} ({item.style}, {item.question_id}): {len(item.errors)} wrong")
        for error in item.errors:
            print(f"    {error}")
    print("\nevery false positive (credit a human would not give):")
    for item in disagreements:
        for error in (e for e in item.errors if e.startswith("FP")):
            print(f"- {item.answer_id}: {error}")


def _target(name: str, confusion: Confusion, f1: float, precision: float) -> bool:
    met = confusion.f1 >= f1 and confusion.precision >= precision
    print(f"\ntarget ({name}): F1 >= {f1} with precision >= {precision} -> {'meets' if met else 'MISSES'} the target")
    return met


def _judge_config(args: argparse.Namespace) -> JudgeConfig | None:
    if args.judge is None:
        return None
    from tui_interview.domain.config import JudgeConfig
    from tui_interview.domain.grading.judge import judge_available

    missing = judge_available()
    if missing:
        raise SystemExit(missing)
    url: str = args.judge
    return JudgeConfig(base_url=url, model=args.model, timeout_seconds=args.timeout, api_key_env=args.api_key_env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--labels", type=Path, default=LABELS, help="a labels file, or a folder of them (default: %(default)s)"
    )
    source.add_argument("--devset", action="store_true", help=f"the held-out dev set: --labels {DEVSET}")
    source.add_argument("--heldout2", action="store_true", help=f"the second held-out set: --labels {HELDOUT2}")
    source.add_argument("--heldout3", action="store_true", help=f"the third held-out set: --labels {HELDOUT3}")
    parser.add_argument(
        "--worst", type=int, default=5, help="how many disagreeing answers to show (not for the dev set)"
    )
    parser.add_argument("--pack", type=Path, help="question pack folder (default: the shipped MLOps pack)")
    parser.add_argument(
        "--judge", metavar="URL", help="also measure this OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1"
    )
    parser.add_argument("--model", metavar="NAME", help="the judge's model (required with --judge)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds per answer (default: 60)")
    parser.add_argument("--api-key-env", metavar="NAME", help="the environment variable holding the API key, if any")
    parser.add_argument(
        "--cache", type=Path, metavar="DIR", help="keep the judge's verdicts in DIR (default: no cache)"
    )
    args = parser.parse_args(argv)
    if (args.judge is None) != (args.model is None):
        parser.error("--judge URL and --model NAME go together")

    from tui_interview.domain.bank.pack import load_pack
    from tui_interview.domain.locations import default_pack_dir

    path: Path = DEVSET if args.devset else HELDOUT2 if args.heldout2 else HELDOUT3 if args.heldout3 else args.labels
    try:
        labels = load_labels(path)
        pack = load_pack(args.pack or default_pack_dir())
        secret = held_out(path)
        report(
            labels,
            pack,
            worst=args.worst,
            details=not secret,
            devset=secret,
            judge=_judge_config(args),
            cache=args.cache,
        )
    except LabelError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
