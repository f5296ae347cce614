"""Mistake: averages of g and h instead of sums."""

import numpy as np

EXPECT = "xgb_leaf_weight.means"


def xgb_leaf_weight(g, h, reg_lambda=1.0):
    return -np.mean(g) / (np.mean(h) + reg_lambda)
