"""Mistake: counts loop passes, including the final pass that only checks the gradient."""

import numpy as np

EXPECT = "newton_minimize.off_by_one"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    for k in range(1, max_iter + 1):
        g = grad(x)
        if np.linalg.norm(g) < tol:
            return x, k
        x = x - np.linalg.solve(hess(x), g)
    return x, max_iter
