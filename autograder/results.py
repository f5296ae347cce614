"""The canonical result of grading one submission, and its JSON form.

Every exporter (result JSON, gradebook, Gradescope, feedback) reads these
dataclasses; nothing else decides a score.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

# Outcomes of one hidden test.
TEST_STATUSES = (
    "passed",           # full points
    "failed",           # a wrong result; the message names the stage and, if known, the mistake
    "not_implemented",  # the function still raises NotImplementedError
    "missing",          # the notebook does not define the function
    "error",            # the student's function raised an exception
    "timeout",          # the call ran past the per-call limit
    "crashed",          # the sandbox process died during the call
    "grader_error",     # a fault of the grader, not of the student
)

# Outcomes of a whole submission.
SUBMISSION_STATUSES = (
    "graded",            # every hidden test ran; the score is final
    "invalid_notebook",  # the file could not be read as a notebook; score 0
    "grader_error",      # the grader failed; the instructor must look at the log
)


@dataclass
class TestResult:
    """The outcome of one hidden test."""

    name: str
    """Test name from the rubric, ``test_<function>_<case>``."""
    function: str
    """The exercise function the test checks."""
    score: float
    max_score: float
    status: str
    """One of `TEST_STATUSES`."""
    message: str = ""
    """Feedback for the student, in the grading language."""
    mistake: Optional[str] = None
    """Id of the diagnosed mistake, when one matched."""
    stage: Optional[str] = None
    """Check stage that failed: kind, shape, finite, values or property."""


@dataclass
class CellRecord:
    """Outcome of running one code cell of the submission."""

    index: int
    """Position among the notebook's cells (0-based, markdown cells counted)."""
    status: str
    """``ok``, ``error``, ``timeout``, ``fatal`` (it ended the process) or ``skipped``."""
    error: str = ""


@dataclass
class SubmissionResult:
    """Everything the grader concluded about one submission."""

    assignment: str
    submission: str
    """Student id in nbgrader's layout, otherwise the notebook's file stem."""
    notebook: str
    """Path of the graded notebook as given."""
    status: str
    tests: list[TestResult] = field(default_factory=list)
    cells: list[CellRecord] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    """Notebook-level notes for the student (a broken cell, a file that is not a notebook)."""
    language: str = "zh_TW"
    grading_seconds: float = 0.0
    kit_version: str = ""
    protections: list[str] = field(default_factory=list)
    """Sandbox protections that were active."""
    notebook_sha256: str = ""
    """Hash of the graded file, so a rerun can tell whether it changed."""

    @property
    def score(self) -> float:
        return round(sum(test.score for test in self.tests), 6)

    @property
    def max_score(self) -> float:
        return round(sum(test.max_score for test in self.tests), 6)

    def function_scores(self) -> dict[str, tuple[float, float]]:
        """Map each function to (score, max_score) in rubric order."""
        totals: dict[str, tuple[float, float]] = {}
        for test in self.tests:
            score, maximum = totals.get(test.function, (0.0, 0.0))
            totals[test.function] = (score + test.score, maximum + test.max_score)
        return totals

    def to_dict(self) -> dict[str, Any]:
        """Return the result file's content; timing is left out so regrading gives the same file."""
        data = asdict(self)
        del data["grading_seconds"]
        data["score"] = self.score
        data["max_score"] = self.max_score
        data["functions"] = {name: {"score": score, "max_score": maximum} for name, (score, maximum) in self.function_scores().items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SubmissionResult":
        fields = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        fields["tests"] = [TestResult(**test) for test in data.get("tests", [])]
        fields["cells"] = [CellRecord(**cell) for cell in data.get("cells", [])]
        return cls(**fields)


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` so readers see the old file or the new one, never a part.

    The file is readable by its owner only, like every file that holds
    students' results.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` with `write_text_atomic`."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
