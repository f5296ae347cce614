"""Valid: the closed form with an explicit inverse."""

import numpy as np

EXPECT = "valid"


def ridge_closed_form(X, y, lam):
    d = X.shape[1]
    return np.linalg.inv(X.T @ X + lam * np.eye(d)) @ X.T @ y
