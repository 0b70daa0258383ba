"""Numbers from a session: per-question, stage and area scores, and the readiness rule with its thresholds."""
