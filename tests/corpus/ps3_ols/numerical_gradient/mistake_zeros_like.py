"""Mistake: the result array made with np.zeros_like(x), an integer array for integer x."""

import numpy as np

EXPECT = "numerical_gradient.integer_output"


def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = eps
        grad[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return grad
