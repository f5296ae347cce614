"""Mistake: forward differences, f(x + h e_i + h e_j) - f(x + h e_i) - f(x + h e_j) + f(x)."""

import numpy as np

EXPECT = "numerical_hessian.forward_difference"


def numerical_hessian(f, x, eps=1e-4):
    x = np.asarray(x, dtype=float)
    n = len(x)
    H = np.zeros((n, n))
    fx = f(x)
    for i in range(n):
        for j in range(n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i] = eps
            ej[j] = eps
            H[i, j] = (f(x + ei + ej) - f(x + ei) - f(x + ej) + fx) / eps**2
    return H
