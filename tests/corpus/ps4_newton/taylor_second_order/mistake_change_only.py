"""Mistake: returns the predicted change f(x + dx) - f(x) instead of the value."""

EXPECT = "taylor_second_order.missing_f0"


def taylor_second_order(f0, g, H, dx):
    return g.dot(dx) + 0.5 * dx.dot(H.dot(dx))
