"""Mistake: compares the singular values with rtol itself, not rtol * max(s)."""
import numpy as np

EXPECT = "pinv_svd.absolute_cutoff"


def pinv_svd(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.where(s > rtol, 1 / np.where(s > rtol, s, 1), 0)
    return Vt.T @ np.diag(s_inv) @ U.T
