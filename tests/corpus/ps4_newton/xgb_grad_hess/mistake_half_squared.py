"""Mistake: derivatives of 0.5 (y - margin)^2, the convention of some libraries."""

import numpy as np
from scipy.special import expit

EXPECT = "xgb_grad_hess.squared_half_loss"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return margin - y, np.ones(len(margin))
    if loss == "logistic":
        p = expit(margin)
        return p - y, p * (1 - p)
    raise ValueError(loss)
