"""Damaged notebooks and files that are not notebooks, graded by the real grader.

The fixtures live in tests/notebooks/ and are built by tests/notebooks/build.py
from the ps1_eigen_pca source notebook.
"""

from __future__ import annotations

import logging

import pytest

import autograder.grader
from autograder.grader import grade_notebook
from autograder.rubric import load_rubric
from autograder.sandbox.session import Limits
from conftest import ROOT
from notebooks.build import CJK_FILE_NAME, build_all

ASSIGNMENT = "ps1_eigen_pca"
NOTEBOOKS = ROOT / "tests" / "notebooks"
LIMITS = Limits(cell_seconds=4.0, call_seconds=2.0, memory_mb=1024, processes=32)
RUBRIC = load_rubric(ASSIGNMENT)


def grade_fixture(name: str, limits: Limits = LIMITS):
    return grade_notebook(NOTEBOOKS / name, ASSIGNMENT, limits=limits)


def assert_full_marks_except(result, expected: dict[str, str]) -> None:
    """Check that every function scores fully except those in `expected`, which score 0 with that test status."""
    scores = result.function_scores()
    assert set(scores) == set(RUBRIC.functions)
    for function, (score, maximum) in scores.items():
        statuses = {test.status for test in result.tests if test.function == function}
        if function in expected:
            assert statuses == {expected[function]}, function
            assert score == 0.0, function
        else:
            assert statuses == {"passed"}, function
            assert score == maximum, function


def test_fixtures_match_builder():
    for name, content in build_all().items():
        path = NOTEBOOKS / name
        assert path.exists(), f"{name} is missing: run python tests/notebooks/build.py"
        assert path.read_bytes() == content, f"{name} is out of date: run python tests/notebooks/build.py"


# Layout or format changes that leave every function intact: full marks, and
# the notes the student gets (a fragment each note must contain).
FULL_MARKS = {
    "setup-cell-to-markdown.ipynb": [],
    "only-solution-cells.ipynb": [],
    "locked-cells-duplicated.ipynb": [],
    "locked-cells-deleted.ipynb": [],
    "metadata-emptied.ipynb": [],
    "cells-inserted.ipynb": [],
    "cells-reordered.ipynb": ["is not defined"] * 9,
    "nbformat-v3.ipynb": [],
    "nbformat-v4.4-without-ids.ipynb": [],
    "cell-id-null.ipynb": [],
    "cell-id-duplicate.ipynb": [],
    "unknown-kernel.ipynb": [],
    CJK_FILE_NAME: [],
}


@pytest.mark.parametrize("name", FULL_MARKS)
def test_intact_functions_get_full_marks(name):
    result = grade_fixture(name)
    assert result.status == "graded"
    assert_full_marks_except(result, {})
    assert result.score == RUBRIC.max_score
    assert len(result.messages) == len(FULL_MARKS[name])
    for message, fragment in zip(result.messages, FULL_MARKS[name]):
        assert fragment in message


def test_cells_reordered_notes_name_the_checks():
    result = grade_fixture("cells-reordered.ipynb")
    # Every sanity check now runs before its function, so each one raises NameError.
    assert [cell.status for cell in result.cells].count("error") == 9
    assert "Cell 3 raised an error: NameError: name 'stationary_distribution' is not defined" in result.messages


def test_cjk_file_name_is_the_submission_name():
    result = grade_fixture(CJK_FILE_NAME)
    assert result.submission == "作業1 王小明 (最終版)"
    assert result.notebook.endswith(CJK_FILE_NAME)


def test_solution_cell_to_markdown():
    result = grade_fixture("solution-cell-to-markdown.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"pca": "missing"})
    message = next(test.message for test in result.tests if test.function == "pca")
    assert "The notebook does not define pca" in message
    assert "Cell 16 defines it but is a Markdown or Raw cell" in message


def test_solution_cell_duplicated_last_copy_wins():
    # The stub copy below the solution replaces it, as in "Restart and run all".
    result = grade_fixture("solution-cell-duplicated.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"covariance_matrix": "not_implemented", "pca": "error"})
    pca_message = next(test.message for test in result.tests if test.function == "pca")
    # pca itself is written; the stub it calls is what raises.
    assert "pca raised NotImplementedError: raised in covariance_matrix()" in pca_message
    assert "not implemented yet" not in pca_message


def test_solution_cell_deleted():
    result = grade_fixture("solution-cell-deleted.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"power_iteration": "missing"})
    message = next(test.message for test in result.tests if test.function == "power_iteration")
    assert message.startswith("The notebook does not define power_iteration.")


INVALID = {
    "truncated.ipynb": "it is not valid notebook JSON; it may be truncated",
    "empty.ipynb": "The file is empty.",
    "json-without-cells.ipynb": "The file is JSON but not a Jupyter notebook (it has no cells)",
    "not-a-notebook.png": "it is not valid notebook JSON",
    "not-a-notebook.py": "it is not valid notebook JSON",
}


@pytest.mark.parametrize("name", INVALID)
def test_file_that_is_not_a_notebook(name):
    result = grade_fixture(name)
    assert result.status == "invalid_notebook"
    assert result.score == 0
    assert result.max_score == RUBRIC.max_score
    assert {test.status for test in result.tests} == {"missing"}
    assert set(score for score, _maximum in result.function_scores().values()) == {0.0}
    assert len(result.messages) == 1
    assert INVALID[name] in result.messages[0]
    assert all(test.message == result.messages[0] for test in result.tests)
    assert result.cells == []


def test_grader_fault_is_grader_error(monkeypatch, caplog):
    def broken_run_hidden_tests(assignment, student, functions=None):
        raise RuntimeError("simulated fault inside the grader")

    monkeypatch.setattr(autograder.grader, "run_hidden_tests", broken_run_hidden_tests)
    with caplog.at_level(logging.ERROR, logger="autograder.grader"):
        result = grade_notebook(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", ASSIGNMENT, limits=LIMITS)
    assert result.status == "grader_error"
    assert result.score == 0
    assert {test.status for test in result.tests} == {"grader_error"}
    assert all("contact your instructor" in test.message for test in result.tests)
    logged = [record for record in caplog.records if record.exc_info is not None]
    assert len(logged) == 1
    assert "the grader failed" in logged[0].getMessage()
    assert "simulated fault inside the grader" in caplog.text
    assert "Traceback" in caplog.text
