"""Mistake: uses a fixed cutoff of its own instead of the rtol argument."""
import numpy as np

EXPECT = "pinv_svd.ignores_rtol"


def pinv_svd(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.zeros_like(s)
    keep = s > 1e-12 * s.max()
    s_inv[keep] = 1 / s[keep]
    return Vt.T @ np.diag(s_inv) @ U.T
