"""Mistake: returns everything numpy.linalg.lstsq returns."""

import numpy as np

EXPECT = "ols_closed_form.lstsq_tuple"


def ols_closed_form(X, y):
    return np.linalg.lstsq(X, y, rcond=None)
