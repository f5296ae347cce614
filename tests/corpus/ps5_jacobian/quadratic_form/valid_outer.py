"""Valid: sums A entry by entry times the outer product x x^T."""

import numpy as np

EXPECT = "valid"


def quadratic_form(A, x):
    return float(np.sum(A * np.outer(x, x)))
