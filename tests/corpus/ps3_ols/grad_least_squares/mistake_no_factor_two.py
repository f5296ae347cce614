"""Mistake: the gradient of half the squared residual."""

EXPECT = "grad_least_squares.no_factor_two"


def grad_least_squares(A, x, b):
    return A.T @ (A @ x - b)
