"""Valid: the formula with an explicit inverse, as written in the lecture."""

import numpy as np

EXPECT = "valid"


def newton_step(grad, hess, x):
    return x - np.linalg.inv(hess(x)) @ grad(x)
