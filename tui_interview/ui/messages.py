"""Messages the app sends to every open screen (screens send their own as nested ``Message`` classes)."""

from __future__ import annotations

from textual.message import Message


class JudgeFinished(Message, bubble=False):
    """The LLM judge has graded an answer to ``question_id``, or failed to: the scores shown may change."""

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
