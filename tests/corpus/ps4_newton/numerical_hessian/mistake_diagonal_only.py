"""Mistake: only the second derivatives along each axis; the mixed ones stay zero."""

import numpy as np

EXPECT = "numerical_hessian.diagonal_only"


def numerical_hessian(f, x, eps=1e-4):
    x = x.astype(float)
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = eps
        H[i, i] = (f(x + e) - 2 * f(x) + f(x - e)) / eps**2
    return H
