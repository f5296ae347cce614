"""Mistake: logistic Hessian written as p (1 - margin)."""

import numpy as np
from scipy.special import expit

EXPECT = "xgb_grad_hess.logistic_hessian_uses_margin"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return 2 * (margin - y), np.full(len(margin), 2.0)
    if loss == "logistic":
        p = expit(margin)
        return p - y, p * (1 - margin)
    raise ValueError(loss)
