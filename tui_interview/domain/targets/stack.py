"""A target's stack as the pack's question tags: "Vertex AI" is ``vertex-ai``, "K8s" is ``kubernetes``.

A stack item is written as the candidate reads it in a job description; the pack tags questions with
lowercase hyphenated names (``docs/question-format.md`` §4). An item is turned into a tag by lowercasing it
and joining its words with hyphens, then by a few spellings the pack does not use (:data:`ALIASES`), then
by dropping a vendor's name in front ("Apache Airflow" is ``airflow``, "Amazon SageMaker" ``sagemaker``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Final

ALIASES: Final = {
    "k8s": "kubernetes",
    "weights-and-biases": "wandb",
    "w-and-b": "wandb",
    "torch": "pytorch",
    "vertex": "vertex-ai",
    "google-cloud": "gcp",
    "google-cloud-platform": "gcp",
    "amazon-web-services": "aws",
    "github-action": "github-actions",
    "open-telemetry": "opentelemetry",
    "great-expectation": "great-expectations",
    "delta": "delta-lake",
    "postgresql": "postgres",
    "big-query": "bigquery",
    "ml-flow": "mlflow",
    "kubeflow-pipelines": "kubeflow",
    "argo-workflows": "argo",
    "argo-cd": "argo",
    "argocd": "argo",
    "nvidia-triton": "triton",
    "triton-inference-server": "triton",
}
"""Spellings of a tool that are not the pack's tag for it."""
VENDORS: Final = ("apache-", "amazon-", "aws-", "google-", "gcp-", "azure-", "microsoft-", "nvidia-", "databricks-")


def tag_of(item: str) -> str:
    """The tag spelling of one stack item: ``Weights & Biases`` is ``wandb``."""
    slug = re.sub(r"[^a-z0-9]+", "-", item.lower().replace("&", " and ")).strip("-")
    return ALIASES.get(slug, slug)


def stack_tags(stack: Sequence[str], tags: Collection[str]) -> dict[str, str | None]:
    """For each stack item, the question tag of ``tags`` it matches, or None when no question is tagged with it."""
    return {item: _matching_tag(item, tags) for item in stack}


def _matching_tag(item: str, tags: Collection[str]) -> str | None:
    tag = tag_of(item)
    if tag in tags:
        return tag
    for vendor in VENDORS:
        if tag.startswith(vendor):
            bare = ALIASES.get(tag.removeprefix(vendor), tag.removeprefix(vendor))
            if bare in tags:
                return bare
    return None
