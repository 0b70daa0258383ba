"""The engine stands alone, and a normal (non-editable) install carries its data."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO


def test_the_domain_imports_without_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui_interview.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module(f'tui_interview.domain.{m.name}')\n"
        "import tui_interview.cli\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_venv_validates_its_pack_and_plans(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(REPO)], check=True, capture_output=True)
    [wheel] = wheels.glob("tui_interview-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "-q", "install", str(wheel)], check=True, capture_output=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {"PATH": f"{env_dir / 'bin'}", "TUI_INTERVIEW_HOME": str(tmp_path / "home"), "HOME": str(tmp_path)}

    def tool(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(env_dir / "bin" / "tui-interview"), *args], cwd=outside, env=env, capture_output=True, text=True
        )

    validated = tool("bank", "validate")
    assert validated.returncode == 0, validated.stderr
    assert "site-packages/tui_interview/_data/questions/mlops: valid" in validated.stdout
    plan = tool("plan", "--seed", "3", "--json")
    assert plan.returncode == 0, plan.stderr
    assert [stage["id"] for stage in json.loads(plan.stdout)["stages"]] == [
        "recruiter",
        "technical",
        "scenario",
        "behavioral",
    ]
