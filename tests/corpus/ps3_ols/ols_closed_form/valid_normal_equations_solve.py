"""Valid: the normal equations X^T X beta = X^T y solved with numpy.linalg.solve."""

import numpy as np

EXPECT = "valid"


def ols_closed_form(X, y):
    XtX = X.T @ X
    Xty = X.T @ y
    beta = np.linalg.solve(XtX, Xty)
    return beta
