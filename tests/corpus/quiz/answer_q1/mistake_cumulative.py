"""Mistake: the cumulative ratio of two components."""

EXPECT = "answer_q1.chose_c"

answer_q1 = "C"
