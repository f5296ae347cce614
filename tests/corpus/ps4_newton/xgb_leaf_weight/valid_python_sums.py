"""Valid: Python's built-in sum over the arrays."""

EXPECT = "valid"


def xgb_leaf_weight(g, h, reg_lambda=1.0):
    G = sum(g)
    H = sum(h)
    return -G / (H + reg_lambda)
