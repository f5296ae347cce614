"""Mistake: a forward difference of the central-difference gradient (not symmetric either)."""

import numpy as np

EXPECT = "numerical_hessian.forward_difference"


def numerical_hessian(f, x, eps=1e-4):
    x = np.asarray(x, dtype=float)
    n = len(x)

    def grad(z):
        return np.array([(f(z + eps * np.eye(n)[k]) - f(z - eps * np.eye(n)[k])) / (2 * eps) for k in range(n)])

    g0 = grad(x)
    H = np.zeros((n, n))
    for i in range(n):
        H[:, i] = (grad(x + eps * np.eye(n)[i]) - g0) / eps
    return H
