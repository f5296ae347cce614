"""Mistake: forward difference, error of order eps."""

import numpy as np

EXPECT = "numerical_gradient.forward_difference"


def numerical_gradient(f, x, eps=1e-6):
    x = x.astype(float)
    fx = f(x)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = eps
        grad[i] = (f(x + e) - fx) / eps
    return grad
