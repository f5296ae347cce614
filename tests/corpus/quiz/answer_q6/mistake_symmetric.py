"""Mistake: took A as symmetric."""

EXPECT = "answer_q6.chose_a"

answer_q6 = "A"
