"""Mistake: a column of ones prepended although X already contains the intercept."""

import numpy as np

EXPECT = "ols_closed_form.adds_intercept"


def ols_closed_form(X, y):
    X1 = np.hstack([np.ones((X.shape[0], 1)), X])
    return np.linalg.solve(X1.T @ X1, X1.T @ y)
