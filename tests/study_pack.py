"""A small pack written for the browse tests: every field a question sheet shows, and words placed so that the
ranking of a search can be checked (the word "pipeline" in an id, a prompt, tags, points and a model answer)."""

from __future__ import annotations

from pathlib import Path

PACK_TOML = """
id = "study"
title = "Study pack"
role = "MLOps Engineer"

[[areas]]
id = "pipelines"
title = "ML pipeline design"

[[areas]]
id = "serving"
title = "Model serving"
"""

QUESTIONS_TOML = '''
[[questions]]
id = "serving-canary-rollback"
area = "serving"
kind = "scenario"
level = "senior"
minutes = 10
prompt = """
A canary of the `ranker` model shows [bold]p99 latency[/] doubling. What do you do?
"""
tags = ["canary", "rollback"]
follow_ups = ["How would you make the rollback one step?"]
model_answer = """
- Compare the canary with the baseline on the same traffic.
- Roll back with `kubectl rollout undo`, then find the cause.
"""
as_of = "2026-11"

[[questions.points]]
text = "Compares the canary against the baseline"
keywords = ["baseline", "compare the canary"]
weight = 2

[[questions.points]]
text = "Rolls back before debugging"
keywords = ["roll back", "rollback"]

[[questions.steps]]
reveal = "The canary's GPU memory is at 98%."

[[questions.steps.points]]
text = "Suspects a memory leak or a bigger batch size"
keywords = ["memory leak", "batch size"]

[[questions.red_flags]]
text = "Lets the canary take all traffic to see more data"
keywords = ["promote the canary", "send all traffic"]
why = "A canary that is failing its gate is stopped, not widened: every extra request is a slow one."
contradicts = 1

[[questions.facts]]
text = "Argo Rollouts supports automated canary analysis"
source = "argoproj.github.io/rollouts"
as_of = "2026-11"

[[questions]]
id = "pipelines-backfill-idempotent"
area = "pipelines"
kind = "technical"
level = "mid"
minutes = 5
prompt = "How do you make a pipeline backfill idempotent?"
model_answer = "- Overwrite whole partitions; never append."

[[questions.points]]
text = "Overwrites partitions instead of appending"
keywords = ["overwrite", "partition"]

[[questions]]
id = "pipelines-feature-store-choice"
area = "pipelines"
kind = "tradeoff"
level = "senior"
minutes = 6
prompt = "When is a feature store worth its cost?"
tags = ["pipeline", "features"]
model_answer = "- When several models share features."

[[questions.points]]
text = "Names online/offline consistency"
keywords = ["online", "offline"]

[[questions]]
id = "serving-latency-debug"
area = "serving"
kind = "debugging"
level = "junior"
minutes = 5
prompt = "Latency doubled after a release. Where do you look first?"
model_answer = "- Check the artefact that shipped and the pipelines that built it."

[[questions.points]]
text = "Checks what changed in the release"
keywords = ["what changed", "diff"]

[[questions]]
id = "serving-shadow-traffic"
area = "serving"
kind = "technical"
level = "mid"
minutes = 5
prompt = "What is shadow traffic for?"
model_answer = "- Testing a model on real requests without users seeing its answers."

[[questions.points]]
text = "Explains that shadow answers are not returned to users"
keywords = ["not returned", "users never see"]

[[questions.points]]
text = "Mentions comparing the outputs before a pipeline promotes the model"
keywords = ["compare outputs"]
'''

CANARY = "serving-canary-rollback"
"""The question with every field: steps, a weighted point, a red flag, a fact, tags and markup in its prompt."""


def write_study_pack(folder: Path) -> Path:
    """Write the pack into ``folder`` (created if need be) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (folder / "questions.toml").write_text(QUESTIONS_TOML, encoding="utf-8")
    return folder
