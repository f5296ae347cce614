"""Mistake: logistic gradient y - p."""

import numpy as np
from scipy.special import expit

EXPECT = "xgb_grad_hess.logistic_wrong_sign"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return 2 * (margin - y), np.full(len(margin), 2.0)
    if loss == "logistic":
        p = expit(margin)
        return y - p, p * (1 - p)
    raise ValueError(loss)
