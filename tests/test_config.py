"""The settings file, config.toml: defaults, the [judge] table, environment overrides and one-line problems."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_interview.domain.bank.problems import DataFileError
from tui_interview.domain.config import (
    DEFAULT_TIMEOUT_SECONDS,
    EXAMPLE_CONFIG,
    ConfigError,
    JudgeConfig,
    load_config,
)
from tui_interview.domain.locations import CONFIG_VARIABLE, config_file

VARIABLES = (
    "TUI_INTERVIEW_JUDGE_URL",
    "TUI_INTERVIEW_JUDGE_MODEL",
    "TUI_INTERVIEW_JUDGE_TIMEOUT",
    "TUI_INTERVIEW_JUDGE_API_KEY_ENV",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (CONFIG_VARIABLE, *VARIABLES):
        monkeypatch.delenv(variable, raising=False)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ or {})
    return [str(problem) for problem in caught.value.problems]


def test_no_file_means_no_judge(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", {})
    assert not config.found
    assert config.path == tmp_path / "missing.toml"
    assert config.judge == JudgeConfig()
    assert not config.judge.configured
    assert config.judge.timeout_seconds == DEFAULT_TIMEOUT_SECONDS


def test_the_judge_table_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[judge]\nbase_url = "http://127.0.0.1:11434/v1/"\nmodel = "qwen2.5:7b"\n'
        'timeout_seconds = 20\napi_key_env = "OLLAMA_KEY"\n',
    )
    config = load_config(path, {})
    assert config.found
    assert config.overridden == ()
    assert config.judge == JudgeConfig("http://127.0.0.1:11434/v1", "qwen2.5:7b", 20.0, "OLLAMA_KEY")
    assert config.judge.configured
    assert config.judge.api_key({}) is None
    assert config.judge.api_key({"OLLAMA_KEY": "k"}) == "k"


def test_environment_variables_override_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[judge]\nbase_url = "http://a:1/v1"\nmodel = "m"\n')
    environ = {
        "TUI_INTERVIEW_JUDGE_URL": "http://b:2/v1",
        "TUI_INTERVIEW_JUDGE_MODEL": "n",
        "TUI_INTERVIEW_JUDGE_TIMEOUT": "2.5",
        "TUI_INTERVIEW_JUDGE_API_KEY_ENV": "KEY_VAR",
        "KEY_VAR": "secret",
    }
    config = load_config(path, environ)
    assert config.judge == JudgeConfig("http://b:2/v1", "n", 2.5, "KEY_VAR")
    assert set(config.overridden) == {"base_url", "model", "timeout_seconds", "api_key_env"}


def test_the_environment_alone_configures_the_judge(tmp_path: Path) -> None:
    environ = {"TUI_INTERVIEW_JUDGE_URL": "http://127.0.0.1:8080/v1", "TUI_INTERVIEW_JUDGE_MODEL": "local"}
    assert load_config(tmp_path / "none.toml", environ).judge.configured


def test_the_file_is_found_through_the_variable_or_platformdirs(tmp_path: Path) -> None:
    path = write(tmp_path, '[judge]\nmodel = "m"\n')
    assert config_file({CONFIG_VARIABLE: str(path)}) == path
    assert load_config(environ={CONFIG_VARIABLE: str(path)}).judge.model == "m"
    default = config_file({})
    assert default.name == "config.toml"
    assert default.parent.name == "tui-interview"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[judge]\nmodel = "m"\ntimeout_seconds = "fast"\n', "line 3: field 'judge.timeout_seconds': Input should be"),
        ("[judge]\ntimeout_seconds = 0\n", "line 2: field 'judge.timeout_seconds': Input should be greater than 0"),
        ('[judge]\nbase_url = "localhost:11434"\n', "line 2: field 'judge.base_url': Value error, must be an http://"),
        ('[judge]\nmodle = "m"\n', "line 2: field 'judge.modle': unknown field (check the spelling)"),
        ('[jduge]\nmodel = "m"\n', "line 1: field 'jduge': unknown field (check the spelling)"),
        ('judge = "on"\n', "line 1: field 'judge': must be a table ([judge])"),
        ("[judge]\nmodel = \n", "line 2: TOML syntax error"),
        ('[judge]\nmodel = ""\n', "field 'judge.model': String should have at least 1 character"),
    ],
)
def test_a_bad_file_gets_one_line_naming_the_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: ")
    assert expected in problem
    assert "\n" not in problem


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, '[judge]\nbase_url = "ftp://x"\ntimeout_seconds = -1\n')
    assert len(problems_of(path)) == 2


def test_a_key_pasted_as_the_variable_name_is_refused_without_repeating_it(tmp_path: Path) -> None:
    path = write(tmp_path, '[judge]\napi_key_env = "sk-live-0123456789abcdef"\n')
    [problem] = problems_of(path)
    assert "field 'judge.api_key_env'" in problem
    assert "not the key itself" in problem
    assert "sk-live" not in problem


def test_a_bad_environment_variable_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "[judge]\n")
    [problem] = problems_of(path, {"TUI_INTERVIEW_JUDGE_TIMEOUT": "soon"})
    assert problem.startswith(f"{path}: field 'judge.timeout_seconds': from $TUI_INTERVIEW_JUDGE_TIMEOUT: ")
    [problem] = problems_of(path, {"TUI_INTERVIEW_JUDGE_URL": "127.0.0.1"})
    assert "from $TUI_INTERVIEW_JUDGE_URL" in problem


def test_an_empty_variable_does_not_override(tmp_path: Path) -> None:
    path = write(tmp_path, '[judge]\nmodel = "m"\n')
    assert load_config(path, {"TUI_INTERVIEW_JUDGE_MODEL": ""}).judge.model == "m"


def test_config_problems_are_data_file_errors_like_a_bad_pack(tmp_path: Path) -> None:
    path = write(tmp_path, "[judge]\ntimeout_seconds = 0\n")
    with pytest.raises(DataFileError):
        load_config(path, {})


def test_the_documented_example_is_valid_and_configures_nothing(tmp_path: Path) -> None:
    assert tomllib.loads(EXAMPLE_CONFIG) == {"judge": {}}
    path = write(tmp_path, EXAMPLE_CONFIG)
    assert load_config(path, {}).judge == JudgeConfig()
    uncommented = "\n".join(line.removeprefix("# ") if " = " in line else line for line in EXAMPLE_CONFIG.splitlines())
    judge = load_config(write(tmp_path, uncommented), {}).judge
    assert judge == JudgeConfig("http://127.0.0.1:11434/v1", "qwen2.5:7b-instruct", 60.0, "OPENAI_API_KEY")
