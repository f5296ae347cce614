"""Valid: a central difference of a central-difference gradient, both with step eps, then symmetrised."""

import numpy as np

EXPECT = "valid"


def _grad(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def numerical_hessian(f, x, eps=1e-4):
    x = x.astype(np.float64)
    n = len(x)
    H = np.empty((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = eps
        H[i] = (_grad(f, x + e, eps) - _grad(f, x - e, eps)) / (2 * eps)
    return (H + H.T) / 2
