"""Mistake: sigmoid as exp(m) / (1 + exp(m)), which is inf / inf = nan for large margins."""

import numpy as np

EXPECT = "xgb_grad_hess.logistic_overflow"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return 2 * (margin - y), np.full(len(margin), 2.0)
    if loss == "logistic":
        p = np.exp(margin) / (1 + np.exp(margin))
        return p - y, p * (1 - p)
    raise ValueError("unknown loss")
