"""The open pytest session of a batch worker gives the same results as a fresh pytest run."""

from __future__ import annotations

import pytest

from autograder import testrun
from autograder.testrun import HiddenTestSession, LocalStudent, run_hidden_tests
from conftest import EXAMPLES, grade
from solutions import ps3_ols
from solutions.quiz import ANSWERS


@pytest.fixture
def open_sessions():
    testrun.keep_sessions(True)
    yield
    testrun.keep_sessions(False)
    testrun.close_sessions()


@pytest.mark.parametrize("assignment", ["ps3_ols", "quiz"])
def test_open_session_matches_a_fresh_run(assignment, open_sessions):
    notebooks = sorted(EXAMPLES.glob(f"submitted/*/{assignment}/{assignment}.ipynb"))
    assert len(notebooks) >= 5
    testrun.keep_sessions(False)
    fresh = [grade(path, assignment).to_dict() for path in notebooks]
    testrun.keep_sessions(True)
    # Twice, so the second round runs every test again in the same session.
    for _round in range(2):
        reused = [grade(path, assignment).to_dict() for path in notebooks]
        assert reused == fresh
    assert testrun._sessions[assignment].alive


def test_one_student_does_not_leak_into_the_next():
    session = HiddenTestSession("quiz")
    try:
        wrong = session.run(LocalStudent({name: "A" for name in ANSWERS}))
        right = session.run(LocalStudent(dict(ANSWERS)))
        missing = session.run(LocalStudent({}))
    finally:
        session.close()
    assert sum(result.score for result in wrong) == sum(1 for answer in ANSWERS.values() if answer == "A")
    assert sum(result.score for result in right) == 10
    assert {result.status for result in missing} == {"missing"}
    assert not session.alive


def test_functions_subset_still_uses_a_fresh_run(open_sessions):
    namespace = {name: getattr(ps3_ols, name) for name in dir(ps3_ols)}
    results = run_hidden_tests("ps3_ols", LocalStudent(namespace), functions=["grad_quadratic_form"])
    assert {result.function for result in results} == {"grad_quadratic_form"}
    assert all(result.status == "passed" for result in results)
