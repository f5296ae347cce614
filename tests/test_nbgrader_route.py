"""`nbgrader autograde` and the kit's own grader give every function the same score."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import ASSIGNMENTS
from autograder.batch import grade_batch
from conftest import EXAMPLES, FAST_LIMITS, ROOT, SOURCE


def _nbgrader(course: Path, *args: str) -> None:
    executable = Path(sys.executable).with_name("nbgrader")
    # nbgrader runs alembic from PATH to set up its database.
    environment = {**os.environ, "PATH": f"{executable.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    completed = subprocess.run([str(executable), *args], cwd=course, env=environment, capture_output=True, text=True, timeout=1800)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]


@pytest.fixture(scope="module")
def autograded_course(tmp_path_factory) -> Path:
    """A course folder where nbgrader has released and autograded every sample submission."""
    course = tmp_path_factory.mktemp("nbgrader-course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(SOURCE, course / "source")
    shutil.copytree(EXAMPLES / "submitted", course / "submitted")
    for assignment in ASSIGNMENTS:
        _nbgrader(course, "generate_assignment", assignment, "--force", "--log-level=ERROR")
        _nbgrader(course, "autograde", assignment, "--create", "--force", "--log-level=ERROR", "--ExecutePreprocessor.timeout=20")
    return course


def _nbgrader_scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    scores: dict[str, dict[str, float]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(assignment):
            notebook = gradebook.find_submission_notebook(assignment, assignment, submission.student.id)
            scores[submission.student.id] = {grade.name[len("test_"):]: float(grade.score) for grade in notebook.grades if grade.name.startswith("test_")}
    return scores


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_nbgrader_autograde_matches_kit(assignment, autograded_course, tmp_path):
    expected = _nbgrader_scores(autograded_course, assignment)
    results = grade_batch([EXAMPLES / "submitted"], assignment, tmp_path / "out", jobs=2, limits=FAST_LIMITS)
    kit = {result.submission: {name: score for name, (score, _maximum) in result.function_scores().items()} for result in results}
    assert set(expected) == set(kit)
    assert expected == kit
