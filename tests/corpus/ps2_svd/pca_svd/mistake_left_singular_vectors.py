"""Mistake: returns columns of U, which live in sample space."""
import numpy as np

EXPECT = "pca_svd.left_singular_vectors"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    ev = s ** 2 / (X.shape[0] - 1)
    return U[:, :k], ev[:k], ev[:k] / ev.sum()
