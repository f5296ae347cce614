"""Valid: with cov = L L^T, the distance is the length of L^{-1} (x - mean)."""

import numpy as np
from scipy.linalg import solve_triangular

EXPECT = "valid"


def mahalanobis(x, mean, cov):
    L = np.linalg.cholesky(np.asarray(cov, dtype=float))
    z = solve_triangular(L, np.asarray(x, dtype=float) - mean, lower=True)
    return np.linalg.norm(z)
