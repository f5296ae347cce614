"""Valid: solves H p = -g for the step p and adds it."""

import numpy as np

EXPECT = "valid"


def newton_step(grad, hess, x):
    x = np.asarray(x, dtype=float)
    p = np.linalg.solve(hess(x), -grad(x))
    return x + p
