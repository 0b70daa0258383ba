"""One session under review: the candidate's ticks, unticks and ratings, saved, with the report rebuilt after each.

The report screen and practice feedback both review through a :class:`ReviewSession`.
"""

from __future__ import annotations

from tui_interview.domain.bank.pack import Pack
from tui_interview.domain.grading.judged import CachedVerdicts
from tui_interview.domain.reporting.preparation import ReportContext
from tui_interview.domain.reporting.report import QuestionReport, SessionReport, build_report
from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord
from tui_interview.domain.sessions.store import SessionStore

Position = tuple[int, int]
"""Where a question sits in a session: (stage index, question index)."""


class ReviewSession:
    """A session record and its report; every change the candidate makes is saved and the report follows."""

    def __init__(
        self,
        record: SessionRecord,
        pack: Pack,
        store: SessionStore,
        verdicts: CachedVerdicts | None = None,
        context: ReportContext | None = None,
    ) -> None:
        self.record = record
        self.context = context
        """The story bank and target profile for the report's preparation lines (None: no such lines)."""
        self.pack = pack
        self.store = store
        self.verdicts = verdicts
        """The LLM judge's cached verdicts, merged into the scores (None: offline grading only)."""
        self.report: SessionReport = build_report(record, pack, verdicts, context)
        self.save_error: OSError | None = None
        """Why the last save failed (a full disk), or None; the change is kept in the record all the same."""

    def question(self, position: Position) -> QuestionReport:
        stage, question = position
        return self.report.stages[stage].questions[question]

    def answer(self, position: Position) -> AnswerRecord:
        stage, question = position
        return self.record.stages[stage].answers[question]

    def positions(self) -> list[Position]:
        """Every question of the session, stage by stage, in order."""
        return [(s, q) for s, stage in enumerate(self.report.stages) for q in range(len(stage.questions))]

    def step(self, position: Position, by: int) -> Position | None:
        """The question ``by`` places after (or, negative, before) ``position``; None past either end."""
        positions = self.positions()
        index = positions.index(position) + by
        return positions[index] if 0 <= index < len(positions) else None

    def toggle_point(self, position: Position, index: int) -> None:
        """Flip whether point ``index`` of the question counts as covered, as the candidate's call, and save.

        On an answer a person judged, the tick is theirs: it changes their judgement.
        """
        score = self.question(position).score
        if score is None:
            return
        judgement = self.answer(position).judgement
        if judgement is not None:
            judgement.toggle_point(index)
            self.save()
            return
        verdict = score.points[index]
        asked = verdict.graded == "possible"
        self.answer(position).set_point(index, covered=not verdict.covered, detected=verdict.detected, asked=asked)
        self.save()

    def decide_point(self, position: Position, index: int, *, covered: bool) -> None:
        """The candidate's call on point ``index``: covered (confirmed) or not (rejected), kept as theirs; save."""
        score = self.question(position).score
        if score is None:
            return
        verdict = score.points[index]
        self.answer(position).set_point(index, covered=covered, detected=verdict.detected, asked=True)
        self.save()

    def decide_flag(self, position: Position, index: int, *, claimed: bool) -> None:
        """The candidate's call on red flag ``index``: the answer does make that claim, or does not; save."""
        self.answer(position).set_flag(index, claimed=claimed)
        self.save()

    def rate(self, position: Position, rating: int | None) -> None:
        """Keep the candidate's rating of the answer (1-4, or None to clear it), and save."""
        self.answer(position).self_rating = rating
        self.save()

    def rebuild(self) -> None:
        """Build the report again from the record, with the verdicts the judge has given by now."""
        self.report = build_report(self.record, self.pack, self.verdicts, self.context)

    def save(self) -> None:
        """Rebuild the report from the record, so that every score follows the change, and save the record.

        A save that fails is kept in :attr:`save_error`, not raised: the change stays in the record, and the
        next save writes it.
        """
        self.rebuild()
        try:
            self.store.save(self.record)
        except OSError as error:
            self.save_error = error
        else:
            self.save_error = None
