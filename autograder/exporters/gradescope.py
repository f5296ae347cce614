"""Gradescope's ``results.json`` from a `SubmissionResult`.

The format is the output format of Gradescope's autograder specification
(``docs/specs.md`` in the ``gradescope/autograder_samples`` repository);
``gradescope-results.schema.json`` beside this file encodes it and
`validate_results` checks a file against it.

What students see, and when:

- every hidden test is one Gradescope test with its rubric points, shown
  with the visibility the instructor chose (``after_published`` by default,
  so results and the total appear when the grades are published);
- notebook-level messages (a cell that failed, a file that is not a
  notebook, a submission without exactly one notebook) are one visible
  entry without points, so students can fix a broken file before the
  deadline;
- a fault of the grader adds a visible "contact your instructor" entry and a
  ``hidden`` entry with the traceback or log for course staff;
- the top-level ``output`` is the Markdown feedback of
  `autograder.report.feedback.render_feedback_markdown`.  The file sets no
  top-level ``visibility``, so students see that text as soon as the
  submission is graded.  The full feedback (score, per-function scores, the
  messages and diagnosed mistakes of the tests) therefore goes there only
  when the hidden tests are ``visible``.  Otherwise the output names how
  many tests were graded, when the results appear, and the notebook-level
  messages, which describe only the student's own notebook.  The per-test
  entries carry the scores and messages with their own visibility.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from autograder.i18n import get_language, join_sentences, translator
from autograder.report.feedback import render_feedback_markdown
from autograder.results import SubmissionResult, TestResult

_ = translator("autograder")

SCHEMA_PATH = Path(__file__).with_name("gradescope-results.schema.json")

# Visibilities an instructor may give the hidden tests.  Gradescope's
# ``hidden`` is left out: it is meant for entries that carry no points.
HIDDEN_TEST_VISIBILITIES = ("after_published", "after_due_date", "visible")
DEFAULT_HIDDEN_TEST_VISIBILITY = "after_published"

# Longest staff log or traceback kept in the hidden entry, in characters.  The
# end of a traceback names the failing call, so the start is dropped.
MAX_STAFF_TEXT = 20_000


def test_title(test: TestResult) -> str:
    """Return a readable test name: ``pca: random data`` for ``test_pca_random_data``."""
    case = test.name.removeprefix(f"test_{test.function}_")
    return f"{test.function}: {case.replace('_', ' ')}"


def _execution_time(seconds: Optional[float]) -> dict[str, int]:
    if seconds is None or not math.isfinite(seconds):
        return {}
    return {"execution_time": max(0, round(seconds))}


def _hidden_test_entry(test: TestResult, visibility: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": test_title(test),
        "score": test.score,
        "max_score": test.max_score,
        "status": "passed" if test.status == "passed" else "failed",
        "visibility": visibility,
        "tags": [test.function],
        "extra_data": {"test": test.name, "function": test.function, "status": test.status, "mistake": test.mistake, "stage": test.stage},
    }
    # The kit's message already names the diagnosed mistake and its hint.
    if test.message:
        entry["output"] = test.message
    return entry


def _notebook_entry(messages: list[str]) -> dict[str, Any]:
    return {"name": _("Notebook"), "status": "failed", "output": "\n".join(messages), "visibility": "visible"}


def _fault_entries(staff_text: str) -> list[dict[str, Any]]:
    """Return the visible "contact your instructor" entry and the hidden entry for staff."""
    if len(staff_text) > MAX_STAFF_TEXT:
        staff_text = "…" + staff_text[-MAX_STAFF_TEXT:]
    return [
        {"name": _("Grader error"), "status": "failed", "output": grader_fault_message(), "visibility": "visible"},
        {"name": _("Grader log for course staff"), "status": "failed", "output": staff_text or _("No log records were captured."), "visibility": "hidden"},
    ]


def grader_fault_message() -> str:
    return _("The grader failed on your submission; this is not your fault. Please contact your instructor.")


def _when_shown(visibility: str) -> str:
    if visibility == "after_due_date":
        return _("The results of the hidden tests and your score appear after the due date.")
    return _("The results of the hidden tests and your score appear when your instructor publishes the grades.")


def _summary(result: SubmissionResult, visibility: str) -> str:
    """Write the top-level Markdown feedback, with test results only when the hidden tests are visible.

    Its labels are in the active language, as are the other entries of the file.
    """
    if visibility == "visible":
        return render_feedback_markdown(result, lang=get_language())
    return render_feedback_markdown(result, show_results=False, results_note=_when_shown(visibility), lang=get_language())


def export_result(result: SubmissionResult, hidden_visibility: str = DEFAULT_HIDDEN_TEST_VISIBILITY, execution_seconds: Optional[float] = None, staff_log: str = "") -> dict[str, Any]:
    """Return Gradescope's results for one graded submission.

    `staff_log` (the grader's log records) goes into a hidden entry when the
    submission's status is ``grader_error``.
    """
    if hidden_visibility not in HIDDEN_TEST_VISIBILITIES:
        raise ValueError(f"hidden-test visibility must be one of {', '.join(HIDDEN_TEST_VISIBILITIES)}, got {hidden_visibility!r}")
    tests: list[dict[str, Any]] = []
    if result.messages:
        tests.append(_notebook_entry(result.messages))
    tests.extend(_hidden_test_entry(test, hidden_visibility) for test in result.tests)
    if result.status == "grader_error":
        tests.extend(_fault_entries(staff_log))
    return {
        "score": result.score,
        **_execution_time(execution_seconds),
        "output": _summary(result, hidden_visibility),
        "output_format": "md",
        "test_output_format": "text",
        "stdout_visibility": "hidden",
        "extra_data": {
            "assignment": result.assignment,
            "status": result.status,
            "max_score": result.max_score,
            "language": result.language,
            "kit_version": result.kit_version,
            "notebook_sha256": result.notebook_sha256,
            "protections": list(result.protections),
        },
        "tests": tests,
    }


def export_crash(staff_text: str, assignment: Optional[str] = None, execution_seconds: Optional[float] = None) -> dict[str, Any]:
    """Return results for a run that failed before it had a `SubmissionResult`: score 0 and the fault entries."""
    return {
        "score": 0,
        **_execution_time(execution_seconds),
        "output": "**" + grader_fault_message() + "**",
        "output_format": "md",
        "test_output_format": "text",
        "stdout_visibility": "hidden",
        "extra_data": {"assignment": assignment, "status": "grader_error"},
        "tests": _fault_entries(staff_text),
    }


def no_notebook_message(received: list[str]) -> str:
    """Explain a submission without any ``.ipynb`` file; `received` lists the files that did arrive."""
    if not received:
        return _("Your submission is empty. Submit your Jupyter notebook (the .ipynb file).")
    return join_sentences(
        _("No .ipynb file was found in your submission; it contains: {files}.").format(files=", ".join(received)),
        _("Submit your Jupyter notebook (the .ipynb file), not an export or a copy in another format."),
    )


def several_notebooks_message(found: list[str]) -> str:
    """Explain a submission with more than one ``.ipynb`` file."""
    return _("Your submission contains {count} notebooks ({files}), but it must contain exactly one. Submit only the notebook of this assignment.").format(count=len(found), files=", ".join(found))


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_results(data: Any) -> None:
    """Raise `jsonschema.ValidationError` unless `data` is a valid Gradescope results file."""
    import jsonschema

    jsonschema.Draft202012Validator(load_schema()).validate(data)
