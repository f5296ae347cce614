"""Mistake: the central difference is divided by eps instead of 2 eps."""

import numpy as np

EXPECT = "numerical_jacobian.divides_by_eps"


def numerical_jacobian(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    I = np.eye(len(x))
    return np.column_stack([(f(x + eps * I[j]) - f(x - eps * I[j])) / eps for j in range(len(x))])
