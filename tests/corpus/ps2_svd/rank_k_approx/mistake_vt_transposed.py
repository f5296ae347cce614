"""Mistake: transposes Vt before slicing, taking rows of V instead of rows of Vt."""
import numpy as np

EXPECT = "rank_k_approx.vt_transposed"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    V = Vt.T
    return U[:, :k] @ np.diag(s[:k]) @ V[:k]
