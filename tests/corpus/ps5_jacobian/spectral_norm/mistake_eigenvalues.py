"""Mistake: the largest |eigenvalue| of M, which is the spectral norm only for symmetric M."""

import numpy as np

EXPECT = "spectral_norm.largest_abs_eigenvalue"


def spectral_norm(M):
    return np.max(np.abs(np.linalg.eigvals(M)))
