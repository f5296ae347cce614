"""Valid: the dual form X^T (X X^T + lam I)^{-1} y, which needs an n×n solve."""

import numpy as np

EXPECT = "valid"


def ridge_closed_form(X, y, lam):
    n = X.shape[0]
    alpha = np.linalg.solve(X @ X.T + lam * np.identity(n), y)
    return X.T @ alpha
