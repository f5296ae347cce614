"""Hidden tests of the concept quiz: one test per question, one point each.

An answer is a letter stored in ``answer_q1`` … ``answer_q10``; case,
surrounding spaces and full-width forms do not matter (see
`autograder.checks.expect_choice`).
"""

from autograder.catalogue.quiz import QUESTIONS
from autograder.harness import check_answer

ASSIGNMENT = "quiz"


def _check(student, number: int) -> None:
    __tracebackhide__ = True
    check_answer(student, ASSIGNMENT, QUESTIONS[number - 1].variable)


def test_answer_q1_choice(student):
    _check(student, 1)


def test_answer_q2_choice(student):
    _check(student, 2)


def test_answer_q3_choice(student):
    _check(student, 3)


def test_answer_q4_choice(student):
    _check(student, 4)


def test_answer_q5_choice(student):
    _check(student, 5)


def test_answer_q6_choice(student):
    _check(student, 6)


def test_answer_q7_choice(student):
    _check(student, 7)


def test_answer_q8_choice(student):
    _check(student, 8)


def test_answer_q9_choice(student):
    _check(student, 9)


def test_answer_q10_choice(student):
    _check(student, 10)
