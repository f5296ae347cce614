"""Mistake: divides by the drop probability p."""

EXPECT = "inverted_dropout.scaled_by_p"


def inverted_dropout(h, mask, p):
    return h * mask / p
