"""``tui-interview stories …`` and ``tui-interview target …``: the story bank and target companies from the shell.

Problems with the files (``StoryError``, ``TargetError``) are ``DataFileError``s: the dispatcher prints them,
one line each, and exits with status 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Final, TextIO

from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.problems import Problem
from tui_interview.domain.formatting import escape_control_characters, plural
from tui_interview.domain.history.story_reviews import StoryDates
from tui_interview.domain.locations import stories_file
from tui_interview.domain.settings import Settings
from tui_interview.domain.stories.bank import STORY_PARTS, Story, StoryBank, StoryError, load_stories, save_story
from tui_interview.domain.stories.check import StoryCheck, check_story
from tui_interview.domain.stories.coverage import SEED_COMPETENCIES, CoverageMap, coverage_map
from tui_interview.domain.targets.profile import (
    Target,
    TargetError,
    add_target,
    load_target,
    load_targets,
    target_from_fields,
    target_path,
    use_target,
)
from tui_interview.domain.targets.stack import stack_tags

EXIT_INVALID: Final = 1
EDITOR_VARIABLES: Final = ("VISUAL", "EDITOR")
TEMPLATE_TITLE: Final = "A new story: give it a title"


def say(text: str, *, file: TextIO | None = None) -> None:
    """Print ``text`` with its control characters shown, never obeyed."""
    print(escape_control_characters(text), file=sys.stdout if file is None else file)


# stories ---------------------------------------------------------------------------------------------------


def stories_command(args: argparse.Namespace, settings: Settings) -> int:
    home = settings.data_home
    command: str = args.stories_command
    if command == "edit":
        return _edit(home, args)
    bank = load_stories(stories_file(home))
    if command == "list":
        return _list(bank, _dates(settings, bank), as_json=args.json)
    if command == "show":
        say(story_text(_story(bank, args.id)))
        return 0
    return _check(bank, load_pack(settings.pack_path), args.id, strict=args.strict)


def _story(bank: StoryBank, story_id: str) -> Story:
    if story_id not in bank.by_id:
        known = ", ".join(bank.by_id) or "none yet"
        raise StoryError([Problem(bank.path or Path(), f"no story {story_id!r} (stories: {known})")])
    return bank.by_id[story_id]


def _dates(settings: Settings, bank: StoryBank) -> StoryDates | None:
    """When each story is next due for a drill, from the saved sessions; None when the pack cannot be read."""
    from datetime import datetime

    from tui_interview.domain.bank.problems import DataFileError
    from tui_interview.domain.history.story_reviews import schedule_from_history, story_dates
    from tui_interview.domain.workspace import Workspace

    if not bank.stories:
        return None
    workspace = Workspace(settings)
    try:
        pack = workspace.pack
    except DataFileError:
        return None
    schedule = schedule_from_history(workspace.history.load().sessions, workspace.store.load, pack, bank.stories)
    return story_dates(schedule, bank.stories, datetime.now().astimezone())


def _list(bank: StoryBank, dates: StoryDates | None, *, as_json: bool) -> int:
    checks = [check_story(story) for story in bank.stories]
    if as_json:
        rows = [
            {
                "id": check.story.id,
                "title": check.story.title,
                "ready": check.ready,
                "checks": f"{check.passed}/{len(check.items)}",
                "words": check.length.words,
                "competencies": check.story.competencies,
                "next_drill": dates.when.get(check.story.id) if dates else None,
                "due": check.story.id in dates.due if dates else False,
            }
            for check in checks
        ]
        say(json.dumps(rows, indent=2, ensure_ascii=True))
        return 0
    if not checks:
        say(f"No stories yet: write 5 to 7 with `tui-interview stories edit ID` or on the Stories screen ({bank.path})")
        return 0
    width = max(len(check.story.id) for check in checks)
    for check in checks:
        competencies = ", ".join(check.story.competencies) or "no competencies"
        when = f"  · {dates.when[check.story.id]}" if dates else ""
        say(f"{check.story.id:<{width}}  {check.label:<10}  {check.story.title}  [{competencies}]{when}")
    say(f"{plural(len(checks), 'story', 'stories')}, {sum(c.ready for c in checks)} ready (coaches advise 5 to 7).")
    if dates is not None and dates.due:
        say(f"{dates.offer}: drill it with `tui-interview practice --story {dates.due[0]}`")
    return 0


def story_text(story: Story) -> str:
    """A story with every part, its figures and competencies, then its check."""
    lines = [f"{story.title}  ({story.id})", f"Competencies: {', '.join(story.competencies) or 'none'}"]
    if story.figures:
        lines.append(f"Figures: {'; '.join(story.figures)}")
    for part in STORY_PARTS:
        lines += ["", f"{part.capitalize()}:", story.part(part) or "(not written yet)"]
    return "\n".join([*lines, "", check_text(check_story(story))])


def check_text(check: StoryCheck) -> str:
    """``✓``/``✗`` per item of the check, with what to do."""
    lines = [f"Check: {check.label}"]
    lines += [f"  {'✓' if item.passed else '✗'} {item.name}: {item.message}" for item in check.items]
    return "\n".join(lines)


def _check(bank: StoryBank, pack: Pack, story_id: str | None, *, strict: bool) -> int:
    stories = [_story(bank, story_id)] if story_id else list(bank.stories)
    blocks = [f"{story.id}: {story.title}\n{check_text(check_story(story))}" for story in stories]
    if story_id is None:
        blocks.append(coverage_text(coverage_map(bank.stories, pack.questions)))
    say("\n\n".join(blocks) if blocks else "No stories yet.")
    ready = all(check_story(story).ready for story in stories)
    return EXIT_INVALID if strict and not ready else 0


def coverage_text(coverage: CoverageMap) -> str:
    """The coverage map in lines: competencies without a story (the seed three flagged), stretched stories,
    and the best story per behavioral question."""
    lines = ["Coverage of the pack's behavioral questions:"]
    for item in coverage.competencies:
        flag = " (one of the three to prepare first)" if item.seed and item.missing else ""
        stories = ", ".join(item.stories) if item.stories else "NO STORY"
        lines.append(f"  {item.competency:<28} {plural(item.questions, 'question'):<12}  {stories}{flag}")
    if coverage.missing_seed:
        seeds = ", ".join(SEED_COMPETENCIES)
        lines.append(f"Missing: {', '.join(coverage.missing_seed)} (every bank should show {seeds})")
    for load in coverage.stretched:
        lines.append(f"Stretched: '{load.story.title}' is the best fit for {plural(len(load.questions), 'question')}")
    lines.append("Best story per question:")
    for fit in coverage.fits:
        told = f"{fit.story.id}" if fit.story else "— no story fits"
        lines.append(f"  {fit.question.id}: {told}")
    return "\n".join(lines)


_FIELDS: Final = ("title", *STORY_PARTS)


def _edit(home: Path, args: argparse.Namespace) -> int:
    """Set fields from the command line, or (with none given) open the file in ``$VISUAL``/``$EDITOR``."""
    path = stories_file(home)
    given = {name: getattr(args, name) for name in _FIELDS if getattr(args, name) is not None}
    if args.competency:
        given["competencies"] = args.competency
    if args.figure:
        given["figures"] = args.figure
    if given:
        if args.id is None:
            raise StoryError([Problem(path, "say which story to set fields of: stories edit ID --action TEXT")])
        return _set_fields(home, args.id, given)
    if args.id is not None and args.id not in load_stories(path).by_id:
        save_story(home, Story(id=args.id, title=TEMPLATE_TITLE))
    return _open_editor(path)


def _set_fields(home: Path, story_id: str, given: dict[str, object]) -> int:
    bank = load_stories(stories_file(home))
    current = bank.by_id.get(story_id)
    fields = {**(current.model_dump() if current else {"id": story_id, "title": TEMPLATE_TITLE}), **given}
    fields = {key: _read_dash(value) for key, value in fields.items()}
    story = _validated(fields, home)
    save_story(home, story, replacing=story_id if current else None)
    say(f"{'Updated' if current else 'Added'} {story.id}: {check_story(story).label}")
    return 0


def _read_dash(value: object) -> object:
    return sys.stdin.read() if value == "-" else value


def _validated(fields: dict[str, object], home: Path) -> Story:
    from pydantic import ValidationError

    from tui_interview.domain.bank.problems import validation_problems

    try:
        return Story.model_validate(fields)
    except ValidationError as error:
        found = validation_problems(stories_file(home), error, question=str(fields.get("id")))
        raise StoryError([dataclasses.replace(problem, subject="story") for problem in found]) from None


def _open_editor(path: Path) -> int:
    editor = next((os.environ[name] for name in EDITOR_VARIABLES if os.environ.get(name)), None)
    if editor is None:
        say(
            f"Set $EDITOR (or $VISUAL) to edit {path} here, edit it in any editor, or use the Stories screen; "
            "`tui-interview stories check` checks it after.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        save_story(path.parent, Story(id="my-first-story", title=TEMPLATE_TITLE))
    completed = subprocess.run([*shlex.split(editor), str(path)], check=False)
    if completed.returncode != 0:
        say(f"The editor exited with status {completed.returncode}; {path} is as it left it.", file=sys.stderr)
    bank = load_stories(path)  # a problem is raised, printed one line each, and exits 1
    say(f"{path}: {plural(len(bank), 'story', 'stories')}, {sum(check_story(s).ready for s in bank.stories)} ready")
    return 0


# target ----------------------------------------------------------------------------------------------------


def target_command(args: argparse.Namespace, settings: Settings) -> int:
    home = settings.data_home
    command: str = args.target_command
    if command == "add":
        return _add(home, args)
    if command == "list":
        return _targets(home)
    if command == "use":
        chosen = use_target(home, None if args.none else args.id)
        say(f"Active target: {chosen.title} ({chosen.id})" if chosen else "No active target.")
        return 0
    target_id = args.id or load_targets(home).active
    if target_id is None:
        raise TargetError([Problem(home, "no active target: name one (target show ID) or choose one (target use ID)")])
    say(target_text(load_target(home, target_id), load_pack(settings.pack_path)))
    return 0


def _add(home: Path, args: argparse.Namespace) -> int:
    fields = {
        "id": args.id,
        "company": args.company,
        "product": args.product or "",
        "ml_use": args.ml_use or "",
        "stack": args.stack,
        "role": args.role or "",
        "level": args.level,
        "notes": args.note,
    }
    target = target_from_fields(home, fields)
    active = add_target(home, target, replace=args.replace, use=args.use)
    say(f"Saved {target_path(home, target.id)}" + ("; it is the active target" if active else ""))
    return 0


def _targets(home: Path) -> int:
    shelf = load_targets(home)
    for problem in shelf.problems:
        say(str(problem), file=sys.stderr)
    if not shelf.targets:
        say("No targets yet: add one with `tui-interview target add ID --company NAME`.")
    for target in shelf.targets:
        say(f"{'*' if target.id == shelf.active else ' '} {target.id}  {target.title}")
    return EXIT_INVALID if shelf.problems else 0


def target_text(target: Target, pack: Pack) -> str:
    """The profile, then how its stack meets the pack: which tools questions are tagged with."""
    lines = [target.title, f"id: {target.id}"]
    for label, text in (("Product", target.product), ("How it uses ML", target.ml_use)):
        if text:
            lines += [f"{label}: {text}"]
    tags = {tag for question in pack.questions for tag in question.tags}
    if target.stack:
        lines.append("Stack (questions tagged with it are drawn more often):")
        for item, tag in stack_tags(target.stack, tags).items():
            count = sum(tag in question.tags for question in pack.questions) if tag else 0
            tagged = f"tag {tag}, {plural(count, 'question')}" if tag else "no question tagged with it"
            lines.append(f"  {item}: {tagged}")
    for note in target.notes:
        lines.append(f"Note: {note.text}" + (f" (source: {note.source})" if note.source else ""))
    return "\n".join(lines)
