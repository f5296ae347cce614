"""Mistake: takes the last k singular triples, as if svd sorted ascending like eigh."""
import numpy as np

EXPECT = "rank_k_approx.smallest_singular_values"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:, :]
