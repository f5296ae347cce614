"""Mistake: takes the first entry of eigvalsh(M^T M), which sorts ascending, so gets the smallest singular value."""

import numpy as np

EXPECT = "spectral_norm.smallest_singular_value"


def spectral_norm(M):
    return np.sqrt(np.linalg.eigvalsh(M.T @ M)[0])
