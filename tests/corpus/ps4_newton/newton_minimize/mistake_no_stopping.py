"""Mistake: runs all max_iter steps without checking the gradient."""

import numpy as np

EXPECT = "newton_minimize.ignores_tol"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    for _ in range(max_iter):
        x = x - np.linalg.solve(hess(x), grad(x))
    return x, max_iter
