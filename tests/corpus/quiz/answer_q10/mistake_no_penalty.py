"""Mistake: left out the L2 penalty."""

EXPECT = "answer_q10.chose_a"

answer_q10 = "A"
