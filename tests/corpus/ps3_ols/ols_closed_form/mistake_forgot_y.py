"""Mistake: the hat-matrix factor (X^T X)^{-1} X^T without multiplying by y."""

import numpy as np

EXPECT = "ols_closed_form.forgot_y"


def ols_closed_form(X, y):
    beta = np.linalg.inv(X.T @ X) @ X.T
    return beta
