"""Mistake: x.copy() keeps an integer dtype, so x_plus[i] += eps does nothing."""

import numpy as np

EXPECT = "numerical_gradient.integer_truncation"


def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros(len(x))
    for i in range(len(x)):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[i] += eps
        x_minus[i] -= eps
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad
