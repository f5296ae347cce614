"""Mistake: inverts every singular value, including the ones that are zero up to rounding."""
import numpy as np

EXPECT = "pinv_svd.no_cutoff"


def pinv_svd(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    with np.errstate(divide="ignore"):
        return Vt.T @ np.diag(1 / s) @ U.T
