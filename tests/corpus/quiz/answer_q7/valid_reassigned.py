"""Valid: a first guess overwritten by the final answer."""

EXPECT = "valid"

answer_q7 = "D"
# After working it out: 0.5 ** 50 is tiny.
answer_q7 = "A"
