"""Valid: scipy.special.expit as the sigmoid, a dict of losses and np.full_like for h."""

import numpy as np
from scipy.special import expit

EXPECT = "valid"


def xgb_grad_hess(y, margin, loss):
    y = np.asarray(y, dtype=float)
    margin = np.asarray(margin, dtype=float)
    if loss == "squared":
        return 2 * (margin - y), np.full_like(margin, 2.0)
    elif loss == "logistic":
        p = expit(margin)
        return p - y, p * (1 - p)
    else:
        raise ValueError(f"Unknown loss: {loss}")
