"""Mistake: the largest eigenvalue of M^T M without the square root."""

import numpy as np

EXPECT = "spectral_norm.squared"


def spectral_norm(M):
    return np.max(np.linalg.eigvalsh(M.T @ M))
