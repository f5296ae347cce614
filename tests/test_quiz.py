"""The concept quiz: answer normalisation, feedback, the value request of both backends, and Gradescope visibility."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.catalogue.quiz import CHOICES, FUNCTIONS, QUESTIONS
from autograder.checks import CheckFailure, expect_choice, normalize_choice
from autograder.harness import CallTimedOut, VariableMissing
from autograder.i18n import language
from autograder.sandbox.session import Limits, SandboxSession
from autograder.testrun import LocalStudent, run_hidden_tests
from conftest import grade, source_notebook, with_solution, write_notebook
from solutions.quiz import ANSWERS

LIMITS = Limits(cell_seconds=3.0, call_seconds=1.0)


@pytest.mark.parametrize("given", ["B", "b", " B ", "\tb\n", "Ｂ", "　ｂ　", np.str_("B")])
def test_equivalent_spellings_of_a_letter_pass(given):
    assert expect_choice(given, "B", "answer_q1", CHOICES) == "B"


@pytest.mark.parametrize(("given", "stage", "fragment"), [
    ("B.", "kind", "one of the letters A, B, C or D; got 'B.'"),
    ("(B)", "kind", "got '(B)'"),
    ("AB", "kind", "got 'AB'"),
    ("", "kind", "got ''"),
    ("E", "kind", "got 'E'"),
    (2, "kind", "got int"),
    (None, "kind", "got NoneType"),
    (["B"], "kind", "got list"),
    ("C", "values", "answer_q1 = C is not correct; the correct answer is B"),
])
def test_other_answers_fail_with_a_named_reason(given, stage, fragment):
    with pytest.raises(CheckFailure) as failure:
        expect_choice(given, "B", "answer_q1", CHOICES)
    assert failure.value.stage == stage
    assert fragment in failure.value.message


def test_long_answers_are_shortened_in_the_message():
    with pytest.raises(CheckFailure) as failure:
        expect_choice("B" * 1000, "B", "answer_q1", CHOICES)
    assert len(failure.value.message) < 200


def test_normalize_choice():
    assert normalize_choice(" ｄ\n") == "D"


def test_every_wrong_letter_is_diagnosed():
    assert [question.variable for question in QUESTIONS] == list(ANSWERS)
    for question in QUESTIONS:
        spec = FUNCTIONS[question.variable]
        ids = {mistake.id for mistake in spec.mistakes}
        wrong = {letter for letter in CHOICES if letter != ANSWERS[question.variable]}
        assert ids == {f"{question.variable}.chose_{letter.lower()}" for letter in wrong}


def _local_results(namespace):
    return {result.name: result for result in run_hidden_tests("quiz", LocalStudent(namespace))}


def test_right_answers_score_ten():
    results = _local_results(dict(ANSWERS))
    assert sum(result.score for result in results.values()) == 10
    assert all(result.status == "passed" for result in results.values())


def test_wrong_choice_explained_and_diagnosed():
    namespace = dict(ANSWERS, answer_q6="a")
    result = _local_results(namespace)["test_answer_q6_choice"]
    assert (result.status, result.score, result.mistake, result.stage) == ("failed", 0.0, "answer_q6.chose_a", "values")
    assert "the correct answer is C" in result.message
    assert "(A + Aᵀ)x" in result.message
    assert "Assumed A is symmetric" in result.message
    assert "Input:" not in result.message


def test_feedback_in_traditional_chinese():
    namespace = dict(ANSWERS, answer_q10="A")
    with language("zh_TW"):
        result = _local_results(namespace)["test_answer_q10_choice"]
    assert "正確答案是 D" in result.message
    assert "解說" in result.message
    assert "漏掉了 L2 penalty" in result.message


def test_missing_answer_says_how_to_write_it():
    namespace = dict(ANSWERS)
    del namespace["answer_q9"]
    result = _local_results(namespace)["test_answer_q9_choice"]
    assert result.status == "missing"
    assert 'answer_q9 = "A"' in result.message


def test_sandbox_value_request():
    cells = [
        'answer_q1 = " b "',
        "class Sneaky(str):\n    def __eq__(self, other):\n        return True\n    def strip(self):\n        return 'C'\n    def upper(self):\n        return 'C'\nanswer_q2 = Sneaky('A')",
        "answer_q3 = 'D' * 10**7",
        "import numpy as np\nanswer_q4 = np.array([1.0, 2.0])",
        "class Slow:\n    def __repr__(self):\n        while True:\n            pass\nanswer_q5 = Slow()",
    ]
    session = SandboxSession(list(enumerate(cells)), LIMITS)
    try:
        session.run_cells()
        assert session.value("answer_q1") == " b "
        sneaky = session.value("answer_q2")
        assert type(sneaky) is str
        assert sneaky == "A"
        huge = session.value("answer_q3")
        assert type(huge) is str
        assert 0 < len(huge) <= 500
        assert huge.endswith("…")
        assert np.array_equal(session.value("answer_q4"), [1.0, 2.0])
        with pytest.raises(VariableMissing):
            session.value("answer_q6")
        with pytest.raises(CallTimedOut):
            session.value("answer_q5")
        # The child was replaced after the timeout; the other answers are still there.
        assert session.value("answer_q1") == " b "
    finally:
        session.close()


def test_graded_notebook_with_mixed_answers(tmp_path):
    notebook = source_notebook("quiz")
    notebook = with_solution(notebook, "answer_q2", 'answer_q2 = "Ｃ"')
    notebook = with_solution(notebook, "answer_q3", "answer_q3 = D")
    notebook = with_solution(notebook, "answer_q4", 'answer_q4 = "B"')
    notebook = with_solution(notebook, "answer_q5", 'answer_q5 = "b"\nraise NotImplementedError()')
    result = grade(write_notebook(notebook, tmp_path / "quiz.ipynb"), "quiz")
    statuses = {test.function: (test.status, test.score) for test in result.tests}
    assert statuses["answer_q2"] == ("passed", 1.0)
    assert statuses["answer_q3"] == ("missing", 0.0)
    assert statuses["answer_q4"] == ("failed", 0.0)
    # The answer was set before the error, so it counts.
    assert statuses["answer_q5"] == ("passed", 1.0)
    assert result.score == 8
    q3 = next(test for test in result.tests if test.function == "answer_q3")
    assert "NameError: name 'D' is not defined" in q3.message


def test_gradescope_refuses_showing_quiz_answers_at_once(tmp_path):
    from autograder.gradescope.run import GradescopeConfig, check_visibility, read_config, write_config

    with pytest.raises(ValueError, match="after_published"):
        write_config(tmp_path / "gradescope.toml", GradescopeConfig(assignment="quiz", hidden_test_visibility="visible"))
    check_visibility("quiz", "after_due_date")
    check_visibility("ps1_eigen_pca", "visible")
    write_config(tmp_path / "gradescope.toml", GradescopeConfig(assignment="quiz"))
    text = (tmp_path / "gradescope.toml").read_text(encoding="utf-8").replace('"after_published"', '"visible"')
    (tmp_path / "gradescope.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="names the right answers"):
        read_config(tmp_path / "gradescope.toml")


def test_gradescope_results_keep_quiz_answers_until_published():
    from autograder.exporters import gradescope as exporter
    from conftest import EXAMPLES

    result = grade(EXAMPLES / "submitted" / "chen_jiahao" / "quiz" / "quiz.ipynb", "quiz")
    assert result.score == 7
    data = exporter.export_result(result, exporter.DEFAULT_HIDDEN_TEST_VISIBILITY)
    exporter.validate_results(data)
    tests = data["tests"]
    assert {entry["visibility"] for entry in tests if "max_score" in entry} == {"after_published"}
    # The explanations are in the hidden entries, for after publication.
    assert any("the correct answer is C" in entry.get("output", "") for entry in tests)
    visible = [data.get("output", ""), *(entry.get("output", "") for entry in tests if entry.get("visibility") == "visible")]
    for text in visible:
        assert "correct answer" not in text
        assert "Explanation" not in text
        assert "Assumed A is symmetric" not in text


def test_long_answer_starting_with_the_letter_fails():
    namespace = dict(ANSWERS, answer_q5="B" + " " * 600 + "but maybe C")
    result = _local_results(namespace)["test_answer_q5_choice"]
    assert result.status == "failed"
    assert result.stage == "kind"
