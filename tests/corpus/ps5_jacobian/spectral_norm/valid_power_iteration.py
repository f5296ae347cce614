"""Valid: power iteration on M^T M, then the length of M v for the unit vector v."""

import numpy as np

EXPECT = "valid"


def spectral_norm(M):
    M = np.asarray(M, dtype=float)
    v = np.ones(M.shape[1]) / np.sqrt(M.shape[1])
    for _ in range(2000):
        w = M.T @ (M @ v)
        v = w / np.linalg.norm(w)
    return np.linalg.norm(M @ v)
