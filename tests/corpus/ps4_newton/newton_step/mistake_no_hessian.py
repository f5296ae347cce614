"""Mistake: a gradient descent step with step size 1; hess is never called."""

EXPECT = "newton_step.gradient_descent"


def newton_step(grad, hess, x):
    return x - grad(x)
