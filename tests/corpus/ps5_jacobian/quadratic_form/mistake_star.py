"""Mistake: x.T * A * x with *, which broadcasts element-wise (and .T does nothing to a 1-d array)."""

import numpy as np

EXPECT = "quadratic_form.elementwise_product"


def quadratic_form(A, x):
    return np.sum(x.T * A * x)
