"""Mistake: squared-loss gradient 2 (y - margin), forgetting the inner derivative -1."""

import numpy as np
from scipy.special import expit

EXPECT = "xgb_grad_hess.squared_wrong_sign"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return 2 * (y - margin), 2 * np.ones_like(margin, dtype=float)
    if loss == "logistic":
        p = expit(margin)
        return p - y, p * (1 - p)
    raise ValueError(loss)
