"""Valid: QR decomposition, then the triangular system R beta = Q^T y."""

import numpy as np
import scipy.linalg

EXPECT = "valid"


def ols_closed_form(X, y):
    Q, R = np.linalg.qr(X.astype(float))
    return scipy.linalg.solve_triangular(R, Q.T @ y)
