"""Valid: single quotes and a trailing comment."""

EXPECT = "valid"

answer_q5 = 'B'  # X^T X beta = X^T y
