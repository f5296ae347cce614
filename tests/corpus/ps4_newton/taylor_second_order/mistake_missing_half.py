"""Mistake: the quadratic term without the factor 1/2."""

EXPECT = "taylor_second_order.missing_half"


def taylor_second_order(f0, g, H, dx):
    return f0 + g @ dx + dx @ H @ dx
