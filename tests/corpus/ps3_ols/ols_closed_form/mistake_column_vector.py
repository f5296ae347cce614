"""Mistake: y turned into a column vector, so beta comes back with shape (d, 1)."""

import numpy as np

EXPECT = "ols_closed_form.column_vector"


def ols_closed_form(X, y):
    y = y.reshape(-1, 1)
    return np.linalg.inv(X.T @ X) @ (X.T @ y)
