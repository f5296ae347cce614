"""Mistake: returns the gradient (A + A^T) x instead of the value."""

import numpy as np

EXPECT = "quadratic_form.returns_gradient"


def quadratic_form(A, x):
    return (A + A.T) @ x
