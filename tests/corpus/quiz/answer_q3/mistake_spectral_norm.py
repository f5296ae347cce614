"""Mistake: the spectral-norm error."""

EXPECT = "answer_q3.chose_b"

answer_q3 = "B"
