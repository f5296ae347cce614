"""Mistake: loops until the gradient is small and never looks at max_iter."""

import numpy as np

EXPECT = "newton_minimize.ignores_max_iter"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    count = 0
    while np.linalg.norm(grad(x)) >= tol:
        x = x - np.linalg.solve(hess(x), grad(x))
        count += 1
    return x, count
