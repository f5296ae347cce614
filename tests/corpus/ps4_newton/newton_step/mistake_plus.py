"""Mistake: adds the step instead of subtracting it."""

import numpy as np

EXPECT = "newton_step.wrong_sign"


def newton_step(grad, hess, x):
    return x + np.linalg.solve(hess(x), grad(x))
