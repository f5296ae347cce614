"""Mistake: multiplies U diag(1/s) Vt, the factors of A in their original places."""
import numpy as np

EXPECT = "pinv_svd.u_and_v_swapped"


def pinv_svd(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.array([1 / x if x > rtol * s.max() else 0.0 for x in s])
    return U @ np.diag(s_inv) @ Vt
