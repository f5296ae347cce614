"""Mistake: the penalty reg_lambda left out of the denominator."""

import numpy as np

EXPECT = "xgb_leaf_weight.ignores_lambda"


def xgb_leaf_weight(g, h, reg_lambda=1.0):
    return -np.sum(g) / np.sum(h)
