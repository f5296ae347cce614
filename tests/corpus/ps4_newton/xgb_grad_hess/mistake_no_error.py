"""Mistake: every loss that is not "squared" is treated as logistic."""

import numpy as np

EXPECT = "xgb_grad_hess.unknown_loss_accepted"


def xgb_grad_hess(y, margin, loss):
    margin = np.asarray(margin, dtype=float)
    if loss == "squared":
        return 2 * (margin - y), np.full(margin.shape, 2.0)
    p = 1 / (1 + np.exp(-np.clip(margin, -500, 500)))
    return p - y, p * (1 - p)
