"""Valid: a sigmoid with one formula for positive and one for negative margins."""

import numpy as np

EXPECT = "valid"


def sigmoid(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out


def xgb_grad_hess(y, margin, loss):
    margin = np.asarray(margin, dtype=float)
    if loss == "squared":
        g = 2 * (margin - y)
        h = 2 * np.ones(len(margin))
    elif loss == "logistic":
        p = sigmoid(margin)
        g = p - y
        h = p * (1 - p)
    else:
        raise ValueError("loss must be 'squared' or 'logistic', got " + repr(loss))
    return g, h
