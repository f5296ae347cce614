"""Mistake: central difference divided by eps instead of 2 eps."""

import numpy as np

EXPECT = "numerical_gradient.divides_by_eps"


def numerical_gradient(f, x, eps=1e-6):
    x = x.astype(float)
    grad = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = eps
        grad[i] = (f(x + e) - f(x - e)) / eps
    return grad
