"""Mistake: exploding instead of vanishing."""

EXPECT = "answer_q7.chose_d"

answer_q7 = "Ｄ"
