"""Exporters: turn a `SubmissionResult` into the formats other grading platforms read."""
