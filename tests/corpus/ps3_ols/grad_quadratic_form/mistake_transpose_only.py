"""Mistake: only the term from differentiating the first x."""

import numpy as np

EXPECT = "grad_quadratic_form.one_term"


def grad_quadratic_form(A, x):
    return np.dot(A.T, x)
