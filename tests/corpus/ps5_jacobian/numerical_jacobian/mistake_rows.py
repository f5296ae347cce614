"""Mistake: stacks the differences along x_j as rows, giving the (n, m) transpose."""

import numpy as np

EXPECT = "numerical_jacobian.transposed"


def numerical_jacobian(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    J = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = eps
        J.append((f(x + e) - f(x - e)) / (2 * eps))
    return np.array(J)
