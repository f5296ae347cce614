"""Mistake: updates x with -= so the caller's array changes."""

import numpy as np

EXPECT = "common.modifies_input"


def newton_step(grad, hess, x):
    if x.dtype.kind != "f":
        x = x.astype(float)
    x -= np.linalg.solve(hess(x), grad(x))
    return x
