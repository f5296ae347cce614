"""Valid: surrounding spaces and a newline."""

EXPECT = "valid"

answer_q3 = "  D\n"
