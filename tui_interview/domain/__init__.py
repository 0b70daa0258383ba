"""The interview, without a screen: pack → draw → run → grade → score → report → history → spaced review.

``bank`` holds the questions and stages, ``planning`` draws them, ``sessions`` plays and saves a session,
``grading`` judges one answer, ``scoring`` turns a session into numbers, ``reporting`` writes what the
candidate reads and ``history`` keeps every session over time. ``workspace`` is the façade the CLI and the
app share. Nothing here imports Textual.
"""
