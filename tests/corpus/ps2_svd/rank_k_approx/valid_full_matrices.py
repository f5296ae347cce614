"""Valid: full SVD (full_matrices=True), then slices of the first k singular triples."""
import numpy as np

EXPECT = "valid"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]
