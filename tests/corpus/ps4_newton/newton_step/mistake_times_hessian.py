"""Mistake: multiplies the gradient by H instead of applying H^{-1}."""

EXPECT = "newton_step.multiplies_by_hessian"


def newton_step(grad, hess, x):
    H = hess(x)
    g = grad(x)
    return x - H @ g
