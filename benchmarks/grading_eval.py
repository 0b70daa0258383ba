"""Point-coverage quality of the offline grader against hand-labelled answers.

Run: ``python benchmarks/grading_eval.py [--worst N] [--labels PATH]``

Loads the shipped MLOps pack (``questions/mlops``) and ``benchmarks/grading_labels.toml``, grades every labelled
answer with :func:`tui_interview.domain.grading.grade.grade_answer` and compares, point by point, the grader's
``covered`` with the human label (positive = covered). Prints precision, recall and F1, the confusion counts
overall and per answer style, and the answers where grader and label disagree most, with the keywords that
matched (false positives) or the points missed (false negatives).
Targets: F1 >= 0.85 with precision >= 0.90.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parent / "grading_labels.toml"
TARGET_F1 = 0.85
TARGET_PRECISION = 0.90


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

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}   "
            f"TP {self.tp:>3}  FP {self.fp:>3}  FN {self.fn:>3}  TN {self.tn:>3}"
        )


@dataclass
class Disagreement:
    answer_id: str
    question_id: str
    style: str
    errors: list[str] = field(default_factory=list)


def load_labels(path: Path) -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


def evaluate(labels: list[dict[str, Any]]) -> tuple[Confusion, dict[str, Confusion], list[Disagreement]]:
    from tui_interview.domain.bank.pack import load_pack
    from tui_interview.domain.grading.grade import grade_answer
    from tui_interview.domain.locations import default_pack_dir

    pack = load_pack(default_pack_dir())
    overall = Confusion()
    by_style: dict[str, Confusion] = {}
    disagreements: list[Disagreement] = []
    for entry in labels:
        question = pack.question(entry["question"])
        expected: list[bool] = entry["covered"]
        if len(expected) != len(question.all_points):
            raise SystemExit(f"{entry['id']}: {len(expected)} labels for {len(question.all_points)} points")
        grade = grade_answer(question, entry["text"])
        style = by_style.setdefault(entry["style"], Confusion())
        disagreement = Disagreement(entry["id"], question.id, entry["style"])
        for point, actual in zip(grade.points, expected, strict=True):
            overall.add(point.covered, actual)
            style.add(point.covered, actual)
            if point.covered != actual:
                disagreement.errors.append(_describe_error(point.index, point.covered, point.matches, point.text))
        if disagreement.errors:
            disagreements.append(disagreement)
    return overall, by_style, disagreements


def _describe_error(index: int, covered: bool, matches: Any, text: str) -> str:
    if covered:
        found = ", ".join(f"{m.keyword!r}~{m.text!r}{' (typo)' if m.fuzzy else ''}" for m in matches)
        return f"FP [{index}] {text[:60]}... <- {found}"
    return f"FN [{index}] {text[:70]}..."


def _without(by_style: dict[str, Confusion], excluded: str) -> Confusion:
    total = Confusion()
    for style, confusion in by_style.items():
        if style != excluded:
            total.tp += confusion.tp
            total.fp += confusion.fp
            total.fn += confusion.fn
            total.tn += confusion.tn
    return total


def report(labels: list[dict[str, Any]], worst: int) -> bool:
    overall, by_style, disagreements = evaluate(labels)
    questions = Counter(entry["question"] for entry in labels)
    points = overall.tp + overall.fp + overall.fn + overall.tn
    print(f"Labelled set: {len(labels)} answers, {len(questions)} questions, {points} point judgements")
    print(f"overall        {overall.line()}")
    print(f"w/o paraphrase {_without(by_style, 'paraphrase').line()}   (answers that use the pack's words)")
    print("by answer style:")
    for style, confusion in sorted(by_style.items()):
        print(f"  {style:<12} {confusion.line()}")
    print(f"\nworst disagreements ({len(disagreements)} answers disagree on at least one point):")
    for item in sorted(disagreements, key=lambda d: -len(d.errors))[:worst]:
        print(f"- {item.answer_id} ({item.style}, {item.question_id}): {len(item.errors)} wrong")
        for error in item.errors:
            print(f"    {error}")
    print("\nevery false positive (credit a human would not give):")
    for item in disagreements:
        for error in (e for e in item.errors if e.startswith("FP")):
            print(f"- {item.answer_id}: {error}")
    met = overall.f1 >= TARGET_F1 and overall.precision >= TARGET_PRECISION
    verdict = "meets" if met else "MISSES"
    print(f"\ntarget: F1 >= {TARGET_F1} with precision >= {TARGET_PRECISION} -> {verdict} the target")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=5, help="how many disagreeing answers to show")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args()
    report(load_labels(args.labels), args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
