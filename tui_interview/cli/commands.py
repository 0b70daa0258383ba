"""The commands other than the home screen: plan, bank, grade, judge, report and history, and loop and practice.

Imported only when one of them runs, so the home screen does not pay for the grader, the exports
or the pydantic models at start-up; loop and practice import Textual (through ``app_factory``) only
once the pack, the stages and the practice choice have been checked.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TextIO

from tui_interview.cli.text import grade_text, history_text, plan_text
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.bank.problems import DataFileError
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.bank.stats import pack_stats, stats_table
from tui_interview.domain.config import JudgeConfig
from tui_interview.domain.files import (
    CACHE_FILE_LIMIT,
    DATA_FILE_LIMIT,
    UnsafeFileError,
    read_regular_file,
    size_label,
    write_atomically,
)
from tui_interview.domain.formatting import escape_control_characters, plural
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.judged import JudgedGrade, judged_json, merge_verdict, offline_only
from tui_interview.domain.locations import judge_cache_dir, shipped_pack_dirs
from tui_interview.domain.planning.draw import DrawError
from tui_interview.domain.planning.practice import PracticeError, unknown_names
from tui_interview.domain.reporting.export import report_text
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionFileError
from tui_interview.domain.settings import PracticeChoice, Settings
from tui_interview.domain.vocabulary import REPORT_FORMATS, ReportFormat
from tui_interview.domain.workspace import UnknownStageError, Workspace

EXIT_INVALID = 1
EXIT_USAGE = 2
SUGGESTIONS = 3


class CommandError(Exception):
    """A problem with what the user asked for; the message is printed as it is."""


class UsageError(CommandError):
    """Options that do not go together; exits with status 2, like argparse's own usage errors."""


def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command named in ``args``; return the exit status."""
    try:
        if args.command == "bank":
            return _bank(args)
        if args.command == "serve":
            from tui_interview.cli.serve import serve_command  # aiohttp and textual-serve: only for serve

            return serve_command(args)
        workspace = Workspace(settings)
        if args.command == "follow":
            return _follow(workspace, args.session)
        if args.command == "plan":
            return _plan(workspace, args.json)
        if args.command == "grade":
            return _grade_command(workspace, args)
        if args.command == "judge":
            return _judge_check()
        if args.command == "report":
            report_format = _report_format(args.format, args.output)  # a usage error before any file is read
            record = _find_session(workspace, args.session, include_unfinished=args.include_unfinished)
            return _report(workspace, record, report_format, args.output)
        if args.command == "history":
            return _history(workspace, args.json)
        if args.command in ("stories", "target"):
            from tui_interview.cli.stories import stories_command, target_command

            return (stories_command if args.command == "stories" else target_command)(args, settings)
        nothing_to_start = _check_can_start(workspace, settings)
        if nothing_to_start is not None:
            _say(nothing_to_start)
            return 0
        from tui_interview.app_factory import run_app  # Textual costs ~0.2 s to import: only for the UI

        return run_app(workspace)
    except UsageError as error:
        _fail(f"tui-interview {args.command}: error: {error}")
        return EXIT_USAGE
    except (DataFileError, DrawError, UnknownStageError, SessionFileError, PracticeError, CommandError) as error:
        _fail(str(error))
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, without a traceback when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID


def _check_can_start(workspace: Workspace, settings: Settings) -> str | None:
    """Load everything the UI needs before opening it, so bad data and bad choices are reported on the
    terminal; return why there is nothing to start (``practice --due`` with nothing due), else None."""
    workspace.load_all()
    workspace.target()  # a target named with --target (or an active one) that cannot be read is reported here
    choice = settings.practice
    if choice is None:
        return None
    _check_practice_choice(workspace, choice)
    now = datetime.now(UTC)
    try:
        plan = workspace.practice_plan(choice, now=now)  # a choice no question fits is reported here
    except PracticeError as error:
        raise UsageError(str(error)) from None
    if choice.due_first and not plan.stages[0].notes:  # each due question drawn carries its note
        return _nothing_due(workspace, now)
    return None


def _check_practice_choice(workspace: Workspace, choice: PracticeChoice) -> None:
    """A stage, area or question the loaded stages and pack do not hold is a usage error listing what they do."""
    stages = sorted(workspace.catalog.stages)
    if choice.stage is not None and choice.stage not in stages:
        raise UsageError(unknown_names("stage", [choice.stage], stages))
    areas = list(workspace.pack.area_titles)
    if set(choice.areas) - set(areas):
        raise UsageError(unknown_names("area", choice.areas, areas))
    for question_id in choice.question_ids:
        if question_id not in workspace.pack.by_id:
            raise UsageError(_unknown_question(question_id, workspace.pack))
    if choice.due_first and not workspace.settings.use_history:
        raise UsageError("--due brings back questions from past sessions: leave out --no-history")


def _nothing_due(workspace: Workspace, now: datetime) -> str:
    """Why ``practice --due`` starts nothing: when the next review is, or that no due question fits the choice."""
    due = workspace.due_reviews(now)
    when = due.next_review(now.astimezone())  # the date in the user's time zone
    if due.ids:
        return f"{when}\nNone of them fits this choice: review them with: tui-interview practice --due"
    return f"{when}\nNothing started; leave out --due to practise other questions."


def _plan(workspace: Workspace, as_json: bool) -> int:
    plan = workspace.plan(now=datetime.now(UTC))
    _say(_json_text(plan.as_json()) if as_json else plan_text(plan, workspace.catalog.loop.title))
    return 0


def _bank(args: argparse.Namespace) -> int:
    if args.bank_command == "validate":
        return _validate(args.paths or shipped_pack_dirs())
    if args.bank_command == "lint":
        packs = args.paths or [args.pack or Settings().pack_path]
        return _lint(packs, args.stages or Settings().stages_path, strict=args.strict, as_json=args.json)
    if args.bank_command in ("list", "show", "search"):
        from tui_interview.cli.bank import browse_command  # the grader's words and Rich's Markdown: only here

        return browse_command(args)
    pack = load_pack(args.path or args.pack or Settings().pack_path)
    stats = pack_stats(pack)
    _say(_json_text(stats.as_json()) if args.json else stats_table(stats, shutil.get_terminal_size().columns))
    return 0


def _validate(paths: list[Path]) -> int:
    failed = False
    for path in paths:
        try:
            pack = load_pack(path)
        except DataFileError as error:
            failed = True
            _fail(f"{path}: invalid, {plural(len(error.problems), 'problem')}\n{error}")
            continue
        _say(f"{path}: valid, pack {pack.id!r} with {plural(len(pack.questions), 'question')}")
    return EXIT_INVALID if failed else 0


def _lint(paths: list[Path], stages_folder: Path, *, strict: bool, as_json: bool) -> int:
    """Lint each pack that loads; one that does not is reported as ``bank validate`` would, and makes the exit 1."""
    from tui_interview.domain.authoring.findings import sorted_findings, summary
    from tui_interview.domain.authoring.lint import RULES, lint_pack  # the grader and rapidfuzz: only for lint

    stages = list(load_stages(stages_folder).stages.values())
    packs = [pack for pack in map(_loaded_or_reported, paths) if pack is not None]
    findings = sorted_findings(finding for pack in packs for finding in lint_pack(pack, stages))
    if as_json:
        _say(_json_text([finding.as_json() for finding in findings], ensure_ascii=False))
    else:
        _say("\n".join([*map(str, findings), summary(findings, len(paths), RULES)]))
    return EXIT_INVALID if len(packs) < len(paths) or (strict and findings) else 0


def _loaded_or_reported(path: Path) -> Pack | None:
    """The pack in ``path``, or None after printing its problems."""
    try:
        return load_pack(path)
    except DataFileError as error:
        _fail(f"{path}: invalid, {plural(len(error.problems), 'problem')}\n{error}")
        return None


def _grade_command(workspace: Workspace, args: argparse.Namespace) -> int:
    batch: str | None = args.batch
    question: str | None = args.question
    answer: str | None = args.answer
    cache = judge_cache_dir(workspace.settings.data_home)
    if batch is not None:
        if question is not None or answer is not None:
            raise UsageError("--batch grades the answers in its file: leave out --question and --answer")
        return _grade_batch(workspace.pack, batch, _judge_config() if args.judge else None, cache)
    if question is None or answer is None:
        raise UsageError("give --question ID and --answer FILE, or --batch FILE.jsonl")
    return _grade(workspace.pack, question, answer, args.json, _judge_config() if args.judge else None, cache)


def _grade(
    pack: Pack, question_id: str, answer_file: str, as_json: bool, judge: JudgeConfig | None, cache: Path
) -> int:
    question = pack.by_id.get(question_id)
    if question is None:
        raise CommandError(_unknown_question(question_id, pack))
    judged = _judged(question, _read_answer(answer_file), judge, cache)
    if judged.judge_error is not None:
        _fail(f"note: the LLM judge could not be used ({judged.judge_error}); the offline grade stands")
    _say(
        _json_text(judged_json(question, judged), ensure_ascii=False)
        if as_json
        else grade_text(question, judged, pack.area_titles.get(question.area, question.area))
    )
    return 0


def _judged(question: Question, answer: str, judge: JudgeConfig | None, cache: Path) -> JudgedGrade:
    """The offline grade, merged with the judge's verdict when a judge is given."""
    offline = grade_answer(question, answer)
    if judge is None:
        return offline_only(offline)
    from tui_interview.domain.grading.judge import judge_answer

    return merge_verdict(question, answer, offline, judge_answer(question, answer, judge, cache_dir=cache))


def _judge_config() -> JudgeConfig:
    """The configured judge, or a one-line error when it is not set up or httpx is missing."""
    from tui_interview.domain.config import load_config
    from tui_interview.domain.grading.judge import judge_available

    config = load_config()
    if not config.judge.configured:
        raise CommandError(_not_configured(config.path))
    missing = judge_available()
    if missing:
        raise CommandError(missing)
    return config.judge


def _not_configured(path: Path) -> str:
    return (
        f"no LLM judge configured: set judge.base_url and judge.model in {path} "
        "(or $TUI_INTERVIEW_JUDGE_URL and $TUI_INTERVIEW_JUDGE_MODEL)"
    )


def _grade_batch(pack: Pack, batch_file: str, judge: JudgeConfig | None, cache: Path) -> int:
    """One JSON result per non-blank input line, in order; a bad line gets ``{"line": N, "error": ...}``."""
    failed = False
    for number, raw in enumerate(_batch_lines(batch_file), start=1):
        if not raw.strip():
            continue
        try:
            result = _grade_line(pack, raw, judge, cache)
        except _BadLine as error:
            failed = True
            result = {"line": number, "error": str(error), **error.known}
        else:
            result = {"line": number, **result}
        sys.stdout.write(_json_text(result, indent=None, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return EXIT_INVALID if failed else 0


class _BadLine(Exception):
    def __init__(self, message: str, **known: Any) -> None:
        super().__init__(message)
        self.known = known
        """What could be read of the line (its id and question), echoed in the error object."""


def _grade_line(pack: Pack, raw: bytes, judge: JudgeConfig | None, cache: Path) -> dict[str, Any]:
    try:
        item = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise _BadLine(f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})") from None
    except json.JSONDecodeError as error:
        raise _BadLine(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(item, dict):
        raise _BadLine(f'expected an object {{"question": ID, "answer": TEXT}}, got {type(item).__name__}')
    known = {key: item[key] for key in ("id", "question") if isinstance(item.get(key), str | int)}
    question_id, answer = item.get("question"), item.get("answer")
    if not isinstance(question_id, str):
        raise _BadLine('"question" must be a question id (a string)', **known)
    if not isinstance(answer, str):
        raise _BadLine('"answer" must be the answer text (a string)', **known)
    question = pack.by_id.get(question_id)
    if question is None:
        raise _BadLine(_unknown_question(question_id, pack), **known)
    result = judged_json(question, _judged(question, answer, judge, cache))
    return {"id": known["id"], **result} if "id" in known else result


def _batch_lines(name: str) -> list[bytes]:
    return _read_input(name, "batch file", BATCH_LIMIT).splitlines()


def _read_input(name: str, what: str, limit: int) -> bytes:
    """The bytes of file ``name`` (``-`` for standard input), at most ``limit`` of them, or a one-line error."""
    label = "standard input" if name == "-" else f"{what} {name}"
    try:
        return _read_stdin(limit) if name == "-" else read_regular_file(Path(name).expanduser(), limit)
    except UnsafeFileError as error:
        raise CommandError(f"cannot read {label}: {error.reason}") from None
    except FileNotFoundError:
        raise CommandError(f"cannot read {label}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"cannot read {label}: it is a folder") from None
    except OSError as error:
        raise CommandError(f"cannot read {label}: {error.strerror or error}") from None


def _judge_check() -> int:
    from tui_interview.domain.config import load_config
    from tui_interview.domain.grading.judge import check_endpoint

    config = load_config()
    judge = config.judge
    if not judge.base_url:
        raise CommandError(_not_configured(config.path))
    ok, message = check_endpoint(judge)
    source = f"settings: {config.path}" if config.found else f"settings: {config.path} (not found)"
    if config.overridden:
        source += "; from the environment: " + ", ".join(f"judge.{key}" for key in config.overridden)
    if ok:
        _say(f"ok: {message}")
        _say(source)
        return 0
    _fail(f"not ok: {message}")
    _fail(source)
    return EXIT_INVALID


def _unknown_question(question_id: str, pack: Pack) -> str:
    from tui_interview.domain.bank.browse import close_ids  # rapidfuzz (~25 ms): only when an id is wrong

    suggestions = close_ids(pack, question_id, SUGGESTIONS)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    return f"unknown question {question_id!r} in pack {pack.id!r}{hint}"


ANSWER_LIMIT: Final = DATA_FILE_LIMIT
"""The largest answer ``grade`` reads, far above any typed answer, so ``--answer /dev/zero`` cannot flood memory."""
BATCH_LIMIT: Final = CACHE_FILE_LIMIT


def _read_stdin(limit: int) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise CommandError(f"cannot read standard input: more than {size_label(limit)} (the limit)")
    return data


def _read_answer(name: str) -> str:
    label = "standard input" if name == "-" else f"answer file {name}"
    data = _read_input(name, "answer file", ANSWER_LIMIT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"cannot read {label}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _report(workspace: Workspace, record: SessionRecord, report_format: ReportFormat, output: Path | None) -> int:
    context = workspace.report_context(record)
    report = build_report(record, _pack_for(workspace, record), workspace.judge.verdicts, context)
    text = report_text(record, report, report_format)
    if output is None:
        sys.stdout.write(escape_control_characters(text))
        return 0
    _write_file(output, text)
    _say(f"Wrote the report of session {record.id} to {output}")
    return 0


def _write_file(path: Path, text: str) -> None:
    """Write atomically, keeping the mode of a file replaced, else the usual mode for new files."""
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        write_atomically(path, text.encode("utf-8"))
        path.chmod(mode)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


SUFFIX_FORMATS: Final[dict[str, ReportFormat]] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
"""The format ``report -o FILE`` writes, by FILE's suffix (in lower case), when ``--format`` does not say."""


def _report_format(chosen: ReportFormat | None, output: Path | None) -> ReportFormat:
    """``--format`` when given (whatever the suffix), else the suffix of ``-o FILE``, else Markdown.

    A suffix that names no format is a usage error: writing Markdown into ``report.pdf`` helps nobody."""
    if chosen is not None:
        return chosen
    if output is None:
        return "md"
    report_format = SUFFIX_FORMATS.get(output.suffix.lower())
    if report_format is None:
        suffix = f"suffix {output.suffix!r}" if output.suffix else "no suffix"
        known = ", ".join(SUFFIX_FORMATS)
        raise UsageError(
            f"cannot tell which format to write to {output} ({suffix}): name it {known}, "
            f"or give --format {'|'.join(REPORT_FORMATS)}"
        )
    return report_format


def _find_session(workspace: Workspace, session: str, *, include_unfinished: bool = False) -> SessionRecord:
    """``latest`` (the newest finished session, or the newest of any status with ``include_unfinished``), a
    session id in the sessions folder, or a path to a session file."""
    store = workspace.store
    if session == "latest":
        return _latest(workspace, include_unfinished)
    path = Path(session).expanduser()
    if path.suffix == ".toml" or path.parent != Path("."):
        return store.load(path)
    if store.path_for(session).is_file():
        return store.load(store.path_for(session))
    if path.is_file():
        return store.load(path)
    known = sorted((p.stem for p in store.folder.glob("*.toml")), reverse=True) if store.folder.is_dir() else []
    close = difflib.get_close_matches(session, known, n=SUGGESTIONS)
    if close:
        hint = f"; did you mean {', '.join(close)}?"
    elif known:
        hint = f"; newest: {', '.join(known[:SUGGESTIONS])}"
    else:
        hint = "; there are no saved sessions"
    raise CommandError(f"unknown session {session!r}: no {store.path_for(session).name} in {store.folder}{hint}")


def _latest(workspace: Workspace, include_unfinished: bool) -> SessionRecord:
    store = workspace.store
    view = workspace.history.load()  # the cached index: no need to parse every session file
    chosen = [summary for summary in view.sessions if include_unfinished or summary.finished]
    if chosen:
        return store.load(chosen[0].path)  # newest first
    unreadable = f"; {plural(len(view.unreadable), 'unreadable file')} there" if view.unreadable else ""
    if view.sessions:
        newest = view.sessions[0].id
        raise CommandError(
            f"no finished session in {store.folder} ({plural(len(view.sessions), 'unfinished session')}, "
            f"the newest {newest}{unreadable}); report it with: tui-interview report {newest}, "
            "or the newest of any status with --include-unfinished"
        )
    raise CommandError(f"no saved sessions in {store.folder}{unreadable}; start one with: tui-interview loop")


def _pack_for(workspace: Workspace, record: SessionRecord) -> Pack:
    """The pack the session was drawn from, else the loaded pack if it has the same id (a moved install)."""
    try:
        return workspace.pack_for(record)
    except DataFileError:
        if workspace.pack.id != record.pack_id:
            raise
        problem = "is gone" if not Path(record.pack_path).is_dir() else "cannot be loaded"
        using = f"using pack {record.pack_id!r} from {workspace.pack.folder}"
        _fail(f"note: pack folder {record.pack_path} {problem}; {using}")
        return workspace.pack


def _follow(workspace: Workspace, session: str) -> int:
    """Open the candidate view of ``session`` (``latest``: the newest in progress), read-only."""
    from tui_interview.domain.sessions.follow import latest_in_progress

    folder = workspace.store.folder
    if session == "latest":
        path = latest_in_progress(folder)
        if path is None:
            raise CommandError(f"no session in progress in {folder}; start one elsewhere with: tui-interview interview")
    else:
        path = _find_session(workspace, session, include_unfinished=True).source
    assert path is not None  # a record read from a file knows the file
    from tui_interview.app_factory import run_follow

    return run_follow(path)


def _history(workspace: Workspace, as_json: bool) -> int:
    view = workspace.history.load()
    if as_json:
        _say(_json_text(view.as_json()))
        return 0
    _say(history_text(view))
    return 0


def _fail(message: str) -> None:
    _say(message, file=sys.stderr)


def _say(text: str, *, file: TextIO | None = None) -> None:
    """Print ``text`` with its control characters shown, never obeyed: a pack or an answer holding ESC
    sequences must not recolour, retitle or move the user's terminal."""
    print(escape_control_characters(text), file=sys.stdout if file is None else file)


_RAW_IN_JSON: Final = re.compile("[\x7f-\x9f]")
"""DEL and the C1 controls, which ``json.dumps(ensure_ascii=False)`` leaves raw (it escapes C0 itself)."""


def _json_text(value: Any, *, indent: int | None = 2, ensure_ascii: bool = True) -> str:
    """``value`` as JSON that is always valid (no NaN) and holds no raw control character."""
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii, allow_nan=False)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
