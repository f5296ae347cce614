"""Mistake: multiplies by 1 - p, the test-time scaling of the original dropout."""

EXPECT = "inverted_dropout.multiplied_by_keep"


def inverted_dropout(h, mask, p):
    return h * mask * (1 - p)
