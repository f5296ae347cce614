"""Valid: lstsq on y as a column, flattened back to shape (d,)."""

import numpy as np

EXPECT = "valid"


def ols_closed_form(X, y):
    solution, residuals, rank, sv = np.linalg.lstsq(X, y.reshape(-1, 1), rcond=None)
    return solution.ravel()
