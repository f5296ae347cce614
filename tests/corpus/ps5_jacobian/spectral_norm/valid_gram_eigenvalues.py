"""Valid: the square root of the largest eigenvalue of M^T M."""

import numpy as np

EXPECT = "valid"


def spectral_norm(M):
    M = np.asarray(M, dtype=float)
    eigenvalues = np.linalg.eigvalsh(M.T @ M)
    return float(np.sqrt(eigenvalues[-1]))
