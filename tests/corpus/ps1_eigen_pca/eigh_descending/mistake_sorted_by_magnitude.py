"""Mistake: orders the eigenvalues by absolute value, largest magnitude first."""
import numpy as np

EXPECT = "eigh_descending.sorted_by_magnitude"


def eigh_descending(A):
    w, v = np.linalg.eigh(A)
    idx = np.argsort(np.abs(w))[::-1]
    return w[idx], v[:, idx]
