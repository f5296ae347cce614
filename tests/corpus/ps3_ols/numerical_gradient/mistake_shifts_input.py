"""Mistake: shifts the caller's x in place and never restores it."""

import numpy as np

EXPECT = "common.modifies_input"


def numerical_gradient(f, x, eps=1e-6):
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros(len(x))
    for i in range(len(x)):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
