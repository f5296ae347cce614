"""Valid: the Moore-Penrose pseudo-inverse of X applied to y."""

import numpy as np

EXPECT = "valid"


def ols_closed_form(X, y):
    return np.linalg.pinv(X) @ y
