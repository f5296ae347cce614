"""Valid: the residual as a row vector times A, which equals A^T r."""

import numpy as np

EXPECT = "valid"


def grad_least_squares(A, x, b):
    r = np.dot(A, x) - b
    return 2.0 * np.dot(r, A)
