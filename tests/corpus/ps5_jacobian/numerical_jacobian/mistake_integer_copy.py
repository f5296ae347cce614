"""Mistake: x.copy() of an integer array stays integer, so x[j] += eps is truncated."""

import numpy as np

EXPECT = "numerical_jacobian.integer_truncation"


def numerical_jacobian(f, x, eps=1e-6):
    columns = []
    for j in range(len(x)):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[j] += eps
        x_minus[j] -= eps
        columns.append((f(x_plus) - f(x_minus)) / (2 * eps))
    return np.stack(columns, axis=1)
