"""Mistake: returns the update delta = -H^{-1} g, not the new point."""

import numpy as np

EXPECT = "newton_step.returns_step"


def newton_step(grad, hess, x):
    delta = -np.linalg.solve(hess(x), grad(x))
    return delta
