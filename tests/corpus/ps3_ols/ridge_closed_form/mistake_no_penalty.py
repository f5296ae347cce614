"""Mistake: the penalty term was dropped while copying the OLS solution."""

import numpy as np

EXPECT = "ridge_closed_form.no_penalty"


def ridge_closed_form(X, y, lam):
    return np.linalg.solve(X.T @ X, X.T @ y)
