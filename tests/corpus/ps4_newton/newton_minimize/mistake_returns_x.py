"""Mistake: returns only the final point."""

import numpy as np

EXPECT = "newton_minimize.returns_only_x"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    for _ in range(max_iter):
        g = grad(x)
        if np.linalg.norm(g) < tol:
            break
        x = x - np.linalg.solve(hess(x), g)
    return x
