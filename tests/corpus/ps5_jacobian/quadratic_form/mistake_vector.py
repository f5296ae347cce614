"""Mistake: returns A @ x, a vector, forgetting the second x."""

import numpy as np

EXPECT = "quadratic_form.returns_vector"


def quadratic_form(A, x):
    return A @ x
