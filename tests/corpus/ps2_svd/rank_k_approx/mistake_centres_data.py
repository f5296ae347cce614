"""Mistake: centres the columns first, as in PCA, and approximates the centred matrix."""
import numpy as np

EXPECT = "rank_k_approx.centres_data"


def rank_k_approx(A, k):
    A = A - A.mean(axis=0)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
