"""Mistake: counted the whole weight matrix."""

EXPECT = "answer_q4.chose_c"

answer_q4 = " c "
