"""Mistake: the textbook formula 2Ax, which holds only for symmetric A."""

EXPECT = "grad_quadratic_form.assumes_symmetric"


def grad_quadratic_form(A, x):
    return 2 * A @ x
