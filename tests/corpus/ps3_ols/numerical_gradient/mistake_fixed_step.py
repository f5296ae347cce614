"""Mistake: a hard-coded step h = 1e-5 instead of the eps argument."""

import numpy as np

EXPECT = "numerical_gradient.ignores_eps"


def numerical_gradient(f, x, eps=1e-6):
    h = 1e-5
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i in range(x.size):
        e = np.zeros(x.shape)
        e[i] = h
        grad[i] = (f(x + e) - f(x - e)) / (2 * h)
    return grad
