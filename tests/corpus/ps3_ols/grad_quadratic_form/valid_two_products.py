"""Valid: the two terms of the product rule written as separate products."""

EXPECT = "valid"


def grad_quadratic_form(A, x):
    return A @ x + A.T @ x
