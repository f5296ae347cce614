"""Valid: a for loop with break; the step count is kept separately from the loop index."""

import numpy as np

EXPECT = "valid"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = x0.astype(float)
    steps = 0
    for _ in range(max_iter):
        g = grad(x)
        if np.sqrt(np.sum(g**2)) < tol:
            break
        x = x - np.linalg.inv(hess(x)) @ g
        steps += 1
    return (x, steps)
