"""Valid: lower case."""

EXPECT = "valid"

answer_q1 = "b"
