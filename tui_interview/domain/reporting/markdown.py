"""The session report as GitHub-flavoured Markdown, the form the HTML page is rendered from.

Everything the candidate typed is escaped, so it reads literally: an answer holding ``*stars*``, ``[bold]x[/]``,
``| pipes |``, ``# heading`` or ``<script>`` never changes the formatting. The pack's prose (prompts, scenario
reveals, follow-ups, model answers) is Markdown already and goes in as Markdown, with two guards: raw HTML shows
as written (``<pod-name>``, ``<b>``), and a code fence left open is closed so it cannot swallow the report.
Short labels from the pack (points, red flags, area titles) are escaped like typed text. Control characters
(ESC, NUL…) are replaced by visible stand-ins everywhere.
"""

from __future__ import annotations

import re
from typing import Final

from tui_interview.domain.formatting import (
    bar,
    duration_label,
    escape_control_characters,
    format_mmss,
    minutes_label,
    percent,
)
from tui_interview.domain.reporting.feedback import how_said_lines
from tui_interview.domain.reporting.labels import question_about
from tui_interview.domain.reporting.report import (
    NOT_SHOWN,
    NOT_SHOWN_NOTE,
    SKIPPED_LABEL,
    STATUS_LABELS,
    QuestionReport,
    SessionReport,
    StageReport,
    part_label,
    rating_word,
    report_title,
)
from tui_interview.domain.scoring.readiness import JUDGED_SCORE_RULE, RATING_LABELS, RATING_VALUES, SCORE_RULE
from tui_interview.domain.scoring.scores import PointVerdict, QuestionScore, RedFlagVerdict
from tui_interview.domain.vocabulary import (
    DIMENSION_LABELS,
    DIMENSION_RATING_LABELS,
    STAGE_CALL_LABELS,
)

MARKS: Final = {"covered": "✓", "possible": "?", "missed": "✗", NOT_SHOWN: "○"}
DECIDERS: Final = {
    "grader": "the grader",
    "judge": "the judge",
    "you": "you",
    "interviewer": "the interviewer",
    "self": "your self-check",
}
SPOKEN_ANSWER: Final = {
    "interviewer": "*(answered aloud; what follows is the interviewer's judgement)*",
    "self": "*(answered aloud; what follows is your self-check)*",
}
NOTES_HEADINGS: Final = {"interviewer": "Interviewer's notes", "self": "Your notes"}

NOTHING_TYPED: Final = "*(nothing typed)*"

# Characters that change formatting wherever they are (GitHub adds ~ strikethrough, | tables and $ maths).
_INLINE_SPECIAL_RE: Final = re.compile(r"([\\`*_\[\]<>|~&$#])")
# Block markers that only count at the start of a line: a list marker followed by a space (or nothing), a line
# of only - or = (setext underline, thematic break), a numbered item ("1. ", "2) "); "6.5 words" is left alone.
_LINE_START_RE: Final = re.compile(r"^([+\-])(?=\s|$)|^([=\-])(?=[=\-]*\s*$)|^(\d{1,9})([.)])(?=\s|$)")
# A code fence opening or closing a block in the pack's Markdown, and an inline code span.
_FENCE_RE: Final = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE: Final = re.compile(r"(`+)(?:(?!\1).)+?\1(?!`)")
# A "<" that would start raw HTML or an autolink.
_TAG_START_RE: Final = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")


def escape_markdown(text: str) -> str:
    """``text`` with every character that could change Markdown formatting backslash-escaped.

    Line breaks are kept as they are; callers decide how lines are joined (see :func:`_block`).
    """
    return "\n".join(_escape_line(line) for line in _lines(text))


def _lines(text: str) -> list[str]:
    """Split on the line endings Markdown knows: LF, CRLF and CR."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _escape_line(line: str) -> str:
    """One line escaped; leading spaces become no-break spaces so indentation never starts a code block."""
    body = line.lstrip(" \t")
    indent = len(line[: len(line) - len(body)].expandtabs(4))
    body = _INLINE_SPECIAL_RE.sub(r"\\\1", body)
    body = _LINE_START_RE.sub(_escape_marker, body)
    return "\u00a0" * indent + body


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(1) or match.group(2)
    if marker:
        return f"\\{marker}"
    return f"{match.group(3)}\\{match.group(4)}"


def _inline(text: str) -> str:
    """One line of escaped text, for headings, list items and table cells."""
    return escape_markdown(" ".join(text.split()))


def _block(text: str) -> list[str]:
    """Escaped lines that keep the text's own line breaks (hard breaks) and blank lines (paragraphs)."""
    lines = [_escape_line(line.rstrip()) for line in _lines(text.strip("\r\n"))]
    joined: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        joined.append(f"{line}\\" if line.strip() and following.strip() else line)
    return joined


def _pack_block(text: str) -> list[str]:
    """Markdown from the pack, as Markdown: raw HTML outside code is escaped, an open code fence is closed."""
    lines: list[str] = []
    fence = ""
    for line in _lines(text.strip("\r\n")):
        marker = _FENCE_RE.match(line)
        if fence and marker and _closes(marker.group(1), fence, line):
            fence = ""
        elif not fence and marker:
            fence = marker.group(1)
        elif not fence:
            line = _pack_line(line)
        lines.append(line.rstrip())
    if fence:
        lines.append(fence)
    return lines


def _closes(marker: str, fence: str, line: str) -> bool:
    """Whether ``line``, starting with ``marker``, closes the code block ``fence`` opened (CommonMark's rule)."""
    return marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip().strip(fence[0])


def _pack_inline(text: str) -> str:
    """One line of the pack's Markdown (a follow-up question, for a list item)."""
    return _pack_line(" ".join(text.split()))


def _pack_line(line: str) -> str:
    """``line`` with every ``<`` that would start raw HTML escaped, outside code spans."""
    parts: list[str] = []
    last = 0
    for span in _CODE_SPAN_RE.finditer(line):
        parts += [_TAG_START_RE.sub(r"\\<", line[last : span.start()]), span.group(0)]
        last = span.end()
    parts.append(_TAG_START_RE.sub(r"\\<", line[last:]))
    return "".join(parts)


def _quote(text: str) -> list[str]:
    """``text`` as a blockquote, or a placeholder when nothing was typed."""
    if not text.strip():
        return [NOTHING_TYPED]
    return [f"> {line}" if line else ">" for line in _block(text)]


def _code(text: str, in_table: bool = False) -> str:
    """``text`` as a code span, or escaped text when a code span could not hold it literally."""
    if not text.strip() or "`" in text or "\n" in text or (in_table and "|" in text):
        return _inline(text)
    return f"`{text}`"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def report_markdown(report: SessionReport) -> str:
    """The whole report as GitHub-flavoured Markdown: the summary first, then every question.

    Control characters from the pack or the answers are shown, never written raw (see
    :func:`~tui_interview.domain.formatting.escape_control_characters`).
    """
    lines = [f"# {_inline(report_title(report))}", ""]
    status = "finished" if report.finished else "**unfinished** (questions not reached score 0)"
    lines += [f"Session {_code(report.session_id)} · {status}", ""]
    lines += _summary(report)
    for number, stage in enumerate(report.stages, start=1):
        lines += _stage_section(number, stage)
    return escape_control_characters("\n".join(lines).rstrip("\n") + "\n")


def _summary(report: SessionReport) -> list[str]:
    scores = report.scores
    questions = [q for stage in report.stages for q in stage.questions]
    counts = "  ·  ".join(
        f"{sum(1 for q in questions if STATUS_LABELS[q.status] == label)} {label}"
        for label in ("answered", "skipped", "time up", "not reached")
    )
    lines = [
        "## Summary",
        "",
        f"**Readiness: {_inline(scores.band)}** · overall score **{percent(scores.overall)}** {bar(scores.overall)}",
        "",
        f"- Bands: {_inline(scores.band_rule)}",
        f"- Scoring: {_inline(SCORE_RULE)}",
        f"- Scores: {_inline(scores.graded_by)}",
        *([f"- Judged by people: {_inline(JUDGED_SCORE_RULE)}"] if report.judged_by_people else []),
        f"- Time used {format_mmss(report.seconds_used)} of {format_mmss(report.limit_seconds)}  ·  {counts}",
        "",
        "### Stages",
        "",
        _row(["#", "Stage", "Time used / limit", "Answered", "Skipped", "Time up", "Not reached", "Score"]),
        _row(["---:", "---", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ]
    for number, stage in enumerate(report.stages, start=1):
        lines.append(
            _row(
                [
                    str(number),
                    _inline(stage.title),
                    f"{format_mmss(stage.seconds_used)} / {format_mmss(stage.limit_seconds)}",
                    str(stage.answered),
                    str(stage.skipped),
                    str(stage.time_up),
                    str(stage.not_reached),
                    percent(stage.score),
                ]
            )
        )
    lines += ["", "### Areas", ""]
    if scores.areas:
        lines += [_row(["Area", "Questions", "Score", ""]), _row(["---", "---:", "---:", "---"])]
        lines += [
            _row([_inline(area.title), str(area.questions), percent(area.score), bar(area.score)])
            for area in scores.areas
        ]
    else:
        lines.append("No question of this session is in the pack any more, so nothing is scored.")
    lines += ["", "### What to practise", ""]
    if scores.practice:
        lines.append(f"The {len(scores.practice)} weakest areas, with questions to practise:")
        lines.append("")
        for number, suggestion in enumerate(scores.practice, start=1):
            ids = ", ".join(_code(qid) for qid in suggestion.question_ids) or "no other question in the pack"
            lines.append(f"{number}. **{_inline(suggestion.title)}** ({percent(suggestion.score)}): {ids}")
    else:
        lines.append("Nothing to suggest: no question was scored.")
    lines.append("")
    return lines + _interviewer_summary(report) + _preparation(report)


def _interviewer_summary(report: SessionReport) -> list[str]:
    """The interviewer's ratings per dimension and their call on each stage (an interview only)."""
    if report.mode != "interview":
        return []
    lines = ["### The interviewer's ratings", ""]
    means = report.dimension_means()
    if means:
        lines += [_row(["Dimension", "Mean (1-4)", "Answers rated", ""]), _row(["---", "---:", "---:", "---"])]
        lines += [
            _row([DIMENSION_LABELS[name], f"{mean:.1f}", str(count), rating_word(mean)]) for name, mean, count in means
        ]
    else:
        lines.append("No answer was rated.")
    lines += ["", "### The interviewer's calls", ""]
    for stage in report.stages:
        lines.append(f"- {_inline(stage.title)}: {_call_text(stage)}")
    return [*lines, ""]


def _call_text(stage: StageReport) -> str:
    if stage.call is None:
        return "no call made"
    return f"**{STAGE_CALL_LABELS[stage.call]}** — {_inline(stage.call_why)}"


def _preparation(report: SessionReport) -> list[str]:
    """The target, tailoring and stories told (only when the candidate had prepared a target or stories)."""
    preparation = report.preparation
    if preparation is None or not preparation.prepared:
        return []
    lines = ["### Preparation", ""]
    for line in preparation.lines():
        indent = "  " if line.startswith("  ") else ""
        lines.append(f"{indent}- {_inline(line.strip())}")
    return [*lines, ""]


def _stage_section(number: int, stage: StageReport) -> list[str]:
    counts = (
        f"{stage.answered} answered, {stage.skipped} skipped, {stage.time_up} time up, {stage.not_reached} not reached"
    )
    pauses = (
        ", ".join(f"at {format_mmss(p.at_seconds)} for {duration_label(p.duration_seconds)}" for p in stage.pauses)
        or "none"
    )
    lines = [
        f"## {number}. {_inline(stage.title)}",
        "",
        f"Interviewer: {_inline(stage.interviewer)}  ·  time used {format_mmss(stage.seconds_used)} of "
        f"{format_mmss(stage.limit_seconds)}  ·  score {percent(stage.score)}  ·  {counts}  ·  pauses: {pauses}",
        "",
    ]
    if stage.call is not None:
        lines += [f"The interviewer's call: {_call_text(stage)}", ""]
    if stage.aloud:
        lines += ["Answered aloud: each answer is scored from your self-check.", ""]
    for question in stage.questions:
        lines += _question_section(question, stage.title)
    return lines


def _question_section(question: QuestionReport, stage_title: str) -> list[str]:
    score = question.score
    heading = f"### Q{question.number} · {_code(question.question_id)} · {question.status_label}"
    if score is not None:
        heading += f" · score {question.score_label}"
    about = [_inline(part) for part in question_about(question.kind, question.area_title, question.level, stage_title)]
    time = f"time {duration_label(question.seconds)} spent of {minutes_label(question.suggested_minutes)} suggested"
    if not question.suggested_minutes:
        time = f"time {duration_label(question.seconds)} spent"
    lines = [heading, "", " · ".join([*about, time, question.words_label]), ""]
    lines += ["**Question**", "", *_pack_block(question.prompt), ""]
    skipped = question.status == "skipped" and not question.answer.strip()
    spoken = score is not None and score.judged_by != "grader" and not question.answer.strip()
    answer = [SPOKEN_ANSWER[score.judged_by]] if spoken and score else _quote(question.answer)
    lines += ["**Your answer**", "", *([f"*({SKIPPED_LABEL})*"] if skipped else answer), ""]
    for turn in question.turns:
        said = "Then the interviewer added" if turn.kind == "step" else "The interviewer followed up"
        lines += [
            f"**{said}** · " + " · ".join([duration_label(turn.seconds), *turn.notes]),
            "",
            *_pack_block(turn.prompt),
            "",
        ]
        typed = [f"*({SKIPPED_LABEL})*"] if turn.skipped and not turn.answer.strip() else _quote(turn.answer)
        lines += ["**Your answer**", "", *typed, ""]
    if score is None:
        lines += ["*This question is no longer in the pack, so it has no talking points and no score.*", ""]
    else:
        lines += _points_section(question, score)
        lines += _judgement_lines(score)
        lines += _rating_lines(score)
    lines += _delivery_lines(question)
    if question.follow_ups:
        lines += ["**Follow-ups to expect**", ""]
        lines += [f"- {_pack_inline(follow_up)}" for follow_up in question.follow_ups]
        lines.append("")
    if question.model_answer:
        lines += ["**Model answer**", "", *_pack_block(question.model_answer), ""]
    return lines


def _points_section(question: QuestionReport, score: QuestionScore) -> list[str]:
    covered = sum(1 for p in score.points if p.covered)
    heading = f"**Talking points** · {covered} of {len(score.points)} covered · coverage {percent(score.coverage)}"
    if score.judged_by != "grader":
        heading += f" · {score.judged_label}"
    if score.possible:
        heading += f" · {len(score.possible)} to check (not scored until you confirm)"
    lines = [heading, ""]
    step_of = question.step_of_point
    lines += [_point_line(point, step_of.get(point.index), question.point_status(point)) for point in score.points]
    lines.append("")
    if score.red_flags:
        lines += ["**Red flags**", ""]
        lines += [_flag_line(flag) for flag in score.red_flags]
        lines.append("")
    for note in score.notes:
        lines += [f"Grader's note: {_inline(note)}", ""]
    return lines


def _point_line(point: PointVerdict, step: int | None, status: str) -> str:
    text = f"- {MARKS[status]} " + (f"{part_label(step)}: " if step else "") + _inline(point.text)
    details = []
    if status == NOT_SHOWN:
        details.append(NOT_SHOWN_NOTE)
    elif point.possible:
        details.append("**check this**: possible, not scored until you confirm it")
    elif point.decided_by == "you" and point.graded == "possible":
        details.append(f"**you {'confirmed' if point.covered else 'rejected'}** it (the grader was unsure)")
    elif point.overridden and point.covered:
        details.append("**you ticked** it (the grader found no evidence)")
    elif point.overridden:
        details.append("**you unticked** it")
    if point.matched:
        details.append("matched " + ", ".join(_code(keyword) for keyword in point.matched))
    if point.rejected and not point.covered:
        details.append("not credited: " + "; ".join(_inline(reason) for reason in point.rejected))
    if point.evidence and point.graded != "missed":
        details.append(f"evidence: “{_inline(point.evidence.quote)}”")
    details.append(f"decided by {DECIDERS[point.decided_by]}")
    return text + (" — " + " · ".join(details) if details else "")


def _flag_line(flag: RedFlagVerdict) -> str:
    text = f"- ⚠ {_inline(flag.text)} — {_inline(flag.why)} · said: “{_inline(flag.evidence.quote)}”"
    if flag.claimed is True:
        text += " · **you confirmed** it"
    elif flag.claimed is False:
        text += " · **you rejected** it (the answer does not claim this)"
    return text


def _judgement_lines(score: QuestionScore) -> list[str]:
    """What the person judging heard: red flags, the interviewer's ratings, and their notes."""
    if score.judged_by == "grader":
        return []
    lines: list[str] = []
    if score.heard_flags:
        lines += ["**Red flags heard**", ""]
        lines += [f"- ⚠ {_inline(flag.text)} — {_inline(flag.why)}" for flag in score.heard_flags]
        lines.append("")
    if score.ratings:
        rated = " · ".join(
            f"{DIMENSION_LABELS[name]} {rating} of 4, {DIMENSION_RATING_LABELS[rating]}"
            for name, rating in score.ratings
        )
        value = score.rating_value or 0.0
        how = f"score = mean of coverage {percent(score.coverage)} and ratings {value:.2f} = {percent(score.score)}"
        lines += [f"**Interviewer's ratings:** {rated} · {how if score.answered else 'not answered: 0'}", ""]
    if score.judge_notes.strip():
        lines += [f"**{NOTES_HEADINGS.get(score.judged_by, 'Notes')}**", "", *_quote(score.judge_notes), ""]
    return lines


def _rating_lines(score: QuestionScore) -> list[str]:
    if score.self_rating is None:
        return []
    rating = score.self_rating
    how = (
        f"score = mean of coverage {percent(score.coverage)} and rating {RATING_VALUES[rating]:g} "
        f"= {percent(score.score)}"
        if score.answered
        else "not answered, so the score stays 0"
    )
    return [f"**Your rating:** {rating} of 4, {RATING_LABELS[rating]} · {how}", ""]


def _delivery_lines(question: QuestionReport) -> list[str]:
    """Delivery figures and, for behavioral answers, the STAR analysis, one bullet each."""
    lines = how_said_lines(question.delivery, question.star)
    if not lines:
        return []
    return ["**Delivery**", "", *(f"- {_inline(line)}" for line in lines), ""]
