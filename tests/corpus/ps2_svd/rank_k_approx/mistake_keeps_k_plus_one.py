"""Mistake: zeroes the singular values from index k + 1 on, so k + 1 of them stay."""
import numpy as np

EXPECT = "rank_k_approx.keeps_k_plus_one"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s[k + 1:] = 0
    return U @ np.diag(s) @ Vt
