"""Grade the one notebook of a container that runs per submission.

The Dockerfile at the top of the kit runs ``python -m autograder
container-grade``: it grades the notebook mounted at a fixed path and writes
the kit's result JSON (the same file ``grade`` writes per submission) to
another fixed path.  Environment variables move both paths and name the
problem set, so the command can be tested without a container.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

from autograder import ASSIGNMENTS, __version__
from autograder.i18n import get_language
from autograder.results import SubmissionResult, write_json_atomic

log = logging.getLogger(__name__)

ASSIGNMENT_ENV = "MATCALC_ASSIGNMENT"
SUBMISSION_ENV = "MATCALC_SUBMISSION"
RESULT_ENV = "MATCALC_RESULT"
DEFAULT_SUBMISSION = Path("/submission/submission.ipynb")
DEFAULT_RESULT = Path("/results/result.json")

# Exit statuses of `container-grade`; the result file is written in every case but the last.
EXIT_GRADED = 0          # graded, or the file is not a notebook: the result file has the score
EXIT_GRADER_ERROR = 3    # the grader failed: the result file has status grader_error, the log the traceback
EXIT_NOT_WRITTEN = 4     # not even the result file could be written


def _grader_error_result(assignment: str, submission: Path) -> SubmissionResult:
    from autograder.grader import GRADER_FAULT_MESSAGE, _zero_tests
    from autograder.i18n import translator

    message = translator("autograder")(GRADER_FAULT_MESSAGE)
    return SubmissionResult(assignment=assignment, submission=submission.stem, notebook=str(submission), status="grader_error", tests=_zero_tests(assignment, "grader_error", message), language=get_language(), kit_version=__version__)


def container_grade(assignment: Optional[str], submission: Optional[Path] = None, result_path: Optional[Path] = None, limits=None) -> int:
    """Grade `submission` (default ``$MATCALC_SUBMISSION``, else ``/submission/submission.ipynb``) into `result_path`.

    `result_path` defaults to ``$MATCALC_RESULT``, else ``/results/result.json``.
    Returns one of the ``EXIT_*`` statuses.
    """
    assignment = assignment or os.environ.get(ASSIGNMENT_ENV)
    if assignment not in ASSIGNMENTS:
        log.error("no valid problem set: pass --assignment or set %s to one of %s (got %r)", ASSIGNMENT_ENV, ", ".join(ASSIGNMENTS), assignment)
        return EXIT_NOT_WRITTEN
    submission = submission or Path(os.environ.get(SUBMISSION_ENV) or DEFAULT_SUBMISSION)
    result_path = result_path or Path(os.environ.get(RESULT_ENV) or DEFAULT_RESULT)
    try:
        from autograder.grader import grade_notebook

        result = grade_notebook(submission, assignment, submission=submission.stem, limits=limits, private_paths=[result_path.parent])
    except Exception:
        log.exception("grading %s failed outside the grader's own error handling", submission)
        result = _grader_error_result(assignment, submission)
    try:
        write_json_atomic(result_path, result.to_dict())
    except OSError:
        log.exception("could not write the result file %s", result_path)
        return EXIT_NOT_WRITTEN
    log.info("%s: %s, %g/%g points; result in %s", submission, result.status, result.score, result.max_score, result_path)
    return EXIT_GRADER_ERROR if result.status == "grader_error" else EXIT_GRADED
