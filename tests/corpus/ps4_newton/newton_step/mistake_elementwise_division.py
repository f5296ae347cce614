"""Mistake: divides the gradient by the diagonal of the Hessian, entry by entry."""

import numpy as np

EXPECT = "newton_step.diagonal_hessian"


def newton_step(grad, hess, x):
    return x - grad(x) / np.diag(hess(x))
