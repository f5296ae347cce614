"""Mistake: follows the common convention of not penalising the intercept."""

import numpy as np

EXPECT = "ridge_closed_form.intercept_unpenalised"


def ridge_closed_form(X, y, lam):
    I = np.eye(X.shape[1])
    I[0, 0] = 0
    return np.linalg.solve(X.T @ X + lam * I, X.T @ y)
