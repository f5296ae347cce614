"""Mistake: ignored the negative eigenvalue."""

EXPECT = "answer_q8.chose_a"

answer_q8 = "a"
