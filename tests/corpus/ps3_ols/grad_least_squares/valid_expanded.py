"""Valid: the gradient of the expanded loss x^T A^T A x - 2 b^T A x + b^T b."""

EXPECT = "valid"


def grad_least_squares(A, x, b):
    AtA = A.T @ A
    return 2 * AtA @ x - 2 * A.T @ b
