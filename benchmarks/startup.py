"""Process start to first screen ready: tui-interview's home screen against a bare Textual app.

Run: ``python benchmarks/startup.py [--runs N]``, with an interpreter that has the package installed.

The parent spawns children of three kinds, interleaved, and times each from spawn until the child
prints a READY line (sent from the app's ``Ready`` event, i.e. after the first screen's first layout):

* ``bare`` — a bare Textual app with one Static (the baseline);
* ``app``  — ``build_app(Settings(data_home=tmp))``, the home screen;
* ``cli``  — ``tui_interview.cli.main([])``, the path ``python -m tui_interview`` takes (it also
  validates the pack and stages before opening the UI).

Each child runs headless and exits as soon as it is ready. Target: app median <= 1.3x bare median.
Afterwards, ``-X importtime`` shows what the imports cost, grouped by package.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import inspect
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.3
KINDS = ("bare", "app", "cli")
CHILDREN = (*KINDS, "phases")
READY = "READY"
READY_AT: list[float] = []
PYDANTIC_FAMILY = ("pydantic", "pydantic_core", "annotated_types", "typing_inspection", "typing_extensions")
OWN_GROUPS = (
    ("tui_interview.domain", "tui_interview.domain (self time, includes building its pydantic models)"),
    ("tui_interview.ui", "tui_interview.ui"),
    ("tui_interview", "tui_interview (cli, app_factory, __init__)"),
)


# Children ----------------------------------------------------------------------------------------


def _probe_class(base: type[Any]) -> type[Any]:
    """``base`` with a Ready handler that prints READY and exits, always run headless."""

    class Probe(base):  # type: ignore[misc]
        def on_ready(self) -> None:
            READY_AT.append(time.perf_counter())
            print(f"{READY} {type(self.screen).__name__}", flush=True)
            self.exit()

        def run(self, **kwargs: Any) -> Any:
            kwargs["headless"] = True
            return super().run(**kwargs)

    Probe.__name__ = base.__name__
    if isinstance(base.CSS_PATH, str | Path):  # relative paths resolve against the defining class's file
        Probe.CSS_PATH = Path(inspect.getfile(base)).parent / base.CSS_PATH
    return Probe


def _child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hi")

    _probe_class(Bare)().run(headless=True)


def _install_probe() -> None:
    """Make ``build_app`` (which the CLI calls too) build the app class with the READY probe."""
    from tui_interview import app_factory
    from tui_interview.ui.app import InterviewApp

    app_factory.InterviewApp = _probe_class(InterviewApp)  # type: ignore[attr-defined]


def _child_app(data_home: str) -> None:
    from tui_interview import app_factory
    from tui_interview.domain.settings import Settings

    _install_probe()
    app_factory.build_app(Settings(data_home=Path(data_home))).run(headless=True)


def _child_cli() -> None:
    from tui_interview import cli

    _install_probe()
    cli.main([])


PHASES = (
    ("stdlib shared with bare Textual (asyncio, typing, re, ...)", "asyncio, typing, re, json, pathlib, datetime"),
    ("textual.app", "textual.app"),
    ("pydantic import", "pydantic"),
    ("pydantic BaseModel machinery + a first one-field model", "pydantic.main"),
    ("tui_interview.domain modules the UI imports, with their dependencies", "<domain>"),
    ("tui_interview.ui (all nine screens and the widgets they use)", "tui_interview.app_factory"),
    ("build_app + run until the home screen is ready", ""),
)


def _child_phases(data_home: str) -> None:
    """Print the seconds each phase of the app's startup takes, in order, on one line."""
    import importlib

    domain = domain_modules_of_ui()
    marks = [time.perf_counter()]
    for _label, modules in PHASES[:-1]:
        for module in domain if modules == "<domain>" else modules.split(", "):
            importlib.import_module(module)
        if modules == "pydantic.main":
            _first_model()
        marks.append(time.perf_counter())
    _child_app(data_home)
    marks.append(READY_AT[0])
    print("PHASES", " ".join(f"{b - a:.6f}" for a, b in itertools.pairwise(marks)), flush=True)


def domain_modules_of_ui() -> list[str]:
    """The ``tui_interview.domain`` modules that the UI package and the app factory import by name."""
    package = installed_package()
    found: set[str] = set()
    for path in [package / "app_factory.py", *sorted((package / "ui").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found.update(name for name in names if name.startswith("tui_interview.domain."))
    return sorted(found)


def installed_package() -> Path:
    """The folder of the ``tui_interview`` package this interpreter imports, found without importing it."""
    spec = importlib.util.find_spec("tui_interview")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("tui_interview is not installed for this interpreter: pip install -e . first")
    return Path(next(iter(spec.submodule_search_locations)))


def _first_model() -> None:
    from pydantic import BaseModel

    class First(BaseModel):
        value: int

    First(value=1)


def run_child(kind: str, data_home: str) -> None:
    if kind == "bare":
        _child_bare()
    elif kind == "app":
        _child_app(data_home)
    elif kind == "cli":
        _child_cli()
    else:
        _child_phases(data_home)


# Parent ------------------------------------------------------------------------------------------


def child_env(data_home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env["TUI_INTERVIEW_HOME"] = data_home
    return env


def run_captured(command: list[str], data_home: str) -> subprocess.CompletedProcess[str]:
    """Run a child to the end in ``data_home``: out of the checkout, so ``-c`` imports the installed package."""
    return subprocess.run(command, capture_output=True, text=True, env=child_env(data_home), cwd=data_home, check=True)


def time_child(kind: str, data_home: str) -> float:
    """Seconds from spawn to the child's READY line."""
    command = [sys.executable, __file__, "--child", kind, "--data-home", data_home]
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=child_env(data_home), cwd=data_home) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(READY):
                elapsed = time.perf_counter() - start
                _check_screen(kind, line)
                child.stdout.read()
                child.wait()
                return elapsed
        raise SystemExit(f"{kind} child exited with {child.wait()} before printing {READY}")


def _check_screen(kind: str, line: str) -> None:
    if kind != "bare" and "HomeScreen" not in line:
        raise SystemExit(f"{kind} child was ready on the wrong screen: {line.strip()}")


def measure(runs: int, data_home: str) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for kind in KINDS:  # warm-up: bytecode caches and the page cache
        time_child(kind, data_home)
    for index in range(runs):
        order = KINDS if index % 2 == 0 else tuple(reversed(KINDS))
        for kind in order:
            times[kind].append(time_child(kind, data_home))
    return times


def report_startup(times: dict[str, list[float]]) -> None:
    bare = statistics.median(times["bare"])
    print(f"{'child':<6} {'median':>9} {'min':>9} {'max':>9} {'x bare':>8}")
    for kind in KINDS:
        values = times[kind]
        median = statistics.median(values)
        print(
            f"{kind:<6} {median * 1000:>7.0f}ms {min(values) * 1000:>7.0f}ms {max(values) * 1000:>7.0f}ms"
            f" {median / bare:>7.2f}x"
        )
    ratio = statistics.median(times["app"]) / bare
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"\napp/bare ratio of medians: {ratio:.2f} (target <= {TARGET_RATIO}) -> {verdict} the target")
    print(f"cli/bare ratio of medians: {statistics.median(times['cli']) / bare:.2f} (informational)")


# Phases ------------------------------------------------------------------------------------------


def phase_times(data_home: str) -> list[float]:
    command = [sys.executable, __file__, "--child", "phases", "--data-home", data_home]
    result = run_captured(command, data_home)
    line = next(line for line in result.stdout.splitlines() if line.startswith("PHASES"))
    return [float(value) for value in line.split()[1:]]


def report_phases(data_home: str, repeats: int = 5) -> None:
    samples = [phase_times(data_home) for _ in range(repeats)]
    print(f"\nWhere the app's startup goes, in process, in import order (median of {repeats}):")
    for index, (label, _modules) in enumerate(PHASES):
        print(f"  {statistics.median(s[index] for s in samples) * 1000:>7.1f} ms  {label}")
    print(f"  {statistics.median(sum(s) for s in samples) * 1000:>7.1f} ms  total after interpreter start")


# Import time -------------------------------------------------------------------------------------


def import_self_times(statement: str, data_home: str) -> dict[str, int]:
    """Self import time in microseconds per module, from ``python -X importtime``."""
    command = [sys.executable, "-X", "importtime", "-c", statement]
    result = run_captured(command, data_home)
    selves: dict[str, int] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|")
        selves[name.strip()] = int(self_us)
    return selves


def median_self_times(statement: str, data_home: str, repeats: int) -> dict[str, float]:
    samples: dict[str, list[int]] = defaultdict(list)
    for _ in range(repeats):
        for name, value in import_self_times(statement, data_home).items():
            samples[name].append(value)
    return {name: statistics.median(values) for name, values in samples.items()}


def group_of(module: str) -> str:
    """The package a module's import time is charged to."""
    for prefix, label in OWN_GROUPS:
        if module == prefix or module.startswith(prefix + "."):
            return label
    top = module.split(".")[0]
    if top in PYDANTIC_FAMILY:
        return "pydantic (+ pydantic_core, annotated_types, typing_*)"
    if top.lstrip("_") in sys.stdlib_module_names or top in sys.builtin_module_names:
        return "stdlib"
    return top


def report_imports(data_home: str, repeats: int = 5) -> None:
    statement = "import tui_interview.cli, tui_interview.app_factory"
    selves = median_self_times(statement, data_home, repeats)
    totals: dict[str, float] = defaultdict(float)
    for module, value in selves.items():
        totals[group_of(module)] += value
    print(f"\nImport cost of `{statement}` (-X importtime, self times summed by group, median of {repeats}):")
    for label, value in sorted(totals.items(), key=lambda item: -item[1]):
        if value < 500:
            continue
        print(f"  {value / 1000:>7.1f} ms  {label}")
    print(f"  {sum(totals.values()) / 1000:>7.1f} ms  total, with groups under 0.5 ms (importtime adds overhead)")
    print("\nSlowest modules by self time:")
    for module, value in sorted(selves.items(), key=lambda item: -item[1])[:10]:
        print(f"  {value / 1000:>7.1f} ms  {module}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", choices=CHILDREN)
    parser.add_argument("--data-home")
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.data_home)
        return 0
    with tempfile.TemporaryDirectory(prefix="tui-bench-") as data_home:
        print(f"Startup to first screen ready, {args.runs} interleaved runs each (+1 warm-up), {os.cpu_count()} CPUs")
        report_startup(measure(args.runs, data_home))
        report_phases(data_home)
        report_imports(data_home)
    return 0


if __name__ == "__main__":
    sys.exit(main())
