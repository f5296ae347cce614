"""Valid: a full-width letter typed with a Chinese input method."""

EXPECT = "valid"

answer_q2 = "Ｃ"
