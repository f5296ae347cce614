"""Reference answers of the concept quiz: one letter per question.

The questions themselves are in ``source/quiz/quiz.ipynb``; the grader's
explanations of each answer and of each wrong choice are in
``autograder/catalogue/quiz.py``.
"""

ANSWERS = {
    "answer_q1": "B",
    "answer_q2": "C",
    "answer_q3": "D",
    "answer_q4": "A",
    "answer_q5": "B",
    "answer_q6": "C",
    "answer_q7": "A",
    "answer_q8": "C",
    "answer_q9": "A",
    "answer_q10": "D",
}
