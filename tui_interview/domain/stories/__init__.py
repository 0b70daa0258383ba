"""The STAR story bank: stories the candidate prepares once and tells in behavioral rounds.

``bank`` reads and writes ``stories.toml``, ``check`` says how each story would fare with the behavioral
grader, ``coverage`` maps stories to the pack's behavioral questions by competency, and ``matching`` finds
which story an answer told.
"""
