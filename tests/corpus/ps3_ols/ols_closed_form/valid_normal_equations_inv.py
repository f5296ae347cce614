"""Valid: the normal equations with an explicit inverse, as in the lecture notes."""

import numpy as np

EXPECT = "valid"


def ols_closed_form(X, y):
    return np.linalg.inv(X.T @ X) @ X.T @ y
