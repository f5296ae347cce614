"""Valid: an annotated assignment."""

EXPECT = "valid"

answer_q10: str = "d"
