"""Mistake: G / (H + lambda) without the minus sign."""

import numpy as np

EXPECT = "xgb_leaf_weight.missing_minus"


def xgb_leaf_weight(g, h, reg_lambda=1.0):
    return np.sum(g) / (np.sum(h) + reg_lambda)
