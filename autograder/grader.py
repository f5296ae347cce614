"""Grade one submission: read it, run it in the sandbox, run the hidden tests, score.

This is the pipeline of a single notebook; `autograder.batch` runs it over a
class.  Whatever happens, `grade_notebook` returns a `SubmissionResult`: a
broken file gives ``invalid_notebook`` and a fault of the grader itself gives
``grader_error`` with the traceback in the log, never a silent zero.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Iterable, Optional

from autograder import __version__
from autograder.i18n import get_language, join_sentences, translator
from autograder.notebook import InvalidNotebook, read_submission
from autograder.results import SubmissionResult, TestResult
from autograder.rubric import load_rubric
from autograder.sandbox.isolation import default_hidden_paths
from autograder.sandbox.session import Limits, SandboxSession
from autograder.testrun import run_hidden_tests

_ = translator("autograder")
log = logging.getLogger(__name__)

GRADER_FAULT_MESSAGE = "The grader failed on this test; this is not your fault. Please contact your instructor."

# The imports of every problem set's locked setup cell.  The grader runs them
# before the notebook's cells, as nbgrader restores locked cells, so a student
# who deleted, emptied or moved the setup cell is graded on the functions alone.
COURSE_SETUP = "import numpy as np\nimport matplotlib.pyplot as plt\n"


def _zero_tests(assignment: str, status: str, message: str) -> list[TestResult]:
    return [
        TestResult(name=entry.test, function=entry.function, score=0.0, max_score=entry.points, status=status, message=message)
        for entry in load_rubric(assignment).entries
    ]


def _cell_messages(result: SubmissionResult) -> list[str]:
    messages = []
    for cell in result.cells:
        if cell.status == "error":
            messages.append(_("Cell {number} raised an error: {error}").format(number=cell.index + 1, error=cell.error))
        elif cell.status == "timeout":
            messages.append(_("Cell {number} ran past the time limit and was stopped.").format(number=cell.index + 1))
        elif cell.status == "fatal":
            messages.append(_("Cell {number} stopped the grader's Python process (for example os._exit or too much memory); it was skipped and the other cells were run again.").format(number=cell.index + 1))
    return messages


def _defines(source: str, name: str) -> bool:
    """Whether `source` defines the function `name` or assigns the variable `name` (a quiz answer)."""
    name = re.escape(name)
    return re.search(rf"^\s*(def\s+{name}\s*\(|{name}\s*=(?!=))", source, re.M) is not None


def _explain_missing(result: SubmissionResult, sources: dict[int, str], text_sources: dict[int, str]) -> None:
    """Point a "missing" function to the cell that should have defined it: one that failed, or one that is not code."""
    failed = {cell.index: cell for cell in result.cells if cell.status != "ok"}
    for test in result.tests:
        if test.status != "missing":
            continue
        for index, cell in failed.items():
            if _defines(sources.get(index, ""), test.function):
                reason = cell.error or cell.status
                test.message = join_sentences(test.message, _("The cell that defines it (cell {number}) did not run: {reason}").format(number=index + 1, reason=reason))
                break
        else:
            for index, source in text_sources.items():
                if _defines(source, test.function):
                    test.message = join_sentences(test.message, _("Cell {number} defines it but is a Markdown or Raw cell, so it never ran. Change that cell's type back to Code.").format(number=index + 1))
                    break


def _warn_other_notebook(result: SubmissionResult, sources: list[str]) -> None:
    """Add a notebook message when the notebook never mentions a name the assignment grades.

    That is the sign of another problem set's notebook uploaded by mistake,
    and the message is shown at once, before the grades are published.
    """
    names = list(dict.fromkeys(test.function for test in result.tests))
    if not names or any(test.status != "missing" for test in result.tests):
        return
    text = "\n".join(sources)
    if any(name in text for name in names):
        return
    result.messages.append(_("This notebook defines none of the names that {assignment} grades ({names}). Check that you submitted the notebook of {assignment} and kept the names it gives.").format(assignment=result.assignment, names=", ".join(names)))


def grade_notebook(path: Path, assignment: str, submission: Optional[str] = None, limits: Optional[Limits] = None, slot: int = 0, private_paths: Iterable[Path] = ()) -> SubmissionResult:
    """Grade the notebook at `path` for `assignment` and return its result.

    `private_paths` (other submissions, the output folder) are hidden from the
    student's code together with the grader's own files, where the system allows.
    """
    started = time.perf_counter()
    name = submission or path.stem
    result = SubmissionResult(assignment=assignment, submission=name, notebook=str(path), status="graded", language=get_language(), kit_version=__version__)
    try:
        parsed = read_submission(path)
    except InvalidNotebook as error:
        log.warning("submission %s: invalid notebook %s: %s", name, path, error)
        result.status = "invalid_notebook"
        result.messages.append(str(error))
        result.tests = _zero_tests(assignment, "missing", str(error))
        result.grading_seconds = round(time.perf_counter() - started, 3)
        return result
    result.notebook_sha256 = parsed.sha256
    try:
        hidden = default_hidden_paths([path, *private_paths])
        session = SandboxSession([(cell.index, cell.source) for cell in parsed.code_cells], limits or Limits(), slot=slot, hidden_paths=hidden, setup=COURSE_SETUP)
        try:
            session.run_cells()
            result.cells = session.cell_records
            result.protections = list(session.protections)
            result.tests = run_hidden_tests(assignment, session)
            _explain_missing(result, {cell.index: cell.source for cell in parsed.code_cells}, {cell.index: cell.source for cell in parsed.text_cells})
            _warn_other_notebook(result, [cell.source for cell in [*parsed.code_cells, *parsed.text_cells]])
        finally:
            session.close()
    except Exception:
        log.exception("submission %s: the grader failed on %s", name, path)
        result.status = "grader_error"
        result.tests = _zero_tests(assignment, "grader_error", _(GRADER_FAULT_MESSAGE))
    else:
        if any(test.status == "grader_error" for test in result.tests):
            result.status = "grader_error"
    result.messages.extend(_cell_messages(result))
    result.grading_seconds = round(time.perf_counter() - started, 3)
    return result
