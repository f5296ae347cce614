"""Mistake: residual written as b - Ax without the minus sign in front."""

EXPECT = "grad_least_squares.wrong_sign"


def grad_least_squares(A, x, b):
    residual = b - A @ x
    return 2 * A.T @ residual
