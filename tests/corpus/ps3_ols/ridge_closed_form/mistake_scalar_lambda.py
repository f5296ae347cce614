"""Mistake: lam added to X^T X as a scalar, so NumPy adds it to every entry."""

import numpy as np

EXPECT = "ridge_closed_form.lambda_every_entry"


def ridge_closed_form(X, y, lam):
    return np.linalg.solve(X.T @ X + lam, X.T @ y)
