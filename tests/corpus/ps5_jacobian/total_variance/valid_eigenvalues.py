"""Valid: the sum of the eigenvalues of the covariance matrix."""

import numpy as np

EXPECT = "valid"


def total_variance(X):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (X.shape[0] - 1)
    return float(np.sum(np.linalg.eigvalsh(C)))
