"""Mistake: confused Newton's method with gradient descent."""

EXPECT = "answer_q9.chose_c"

answer_q9 = "C"
