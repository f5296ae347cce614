"""Mistake: forgot to square the singular values."""

EXPECT = "answer_q2.chose_b"

answer_q2 = "b"
