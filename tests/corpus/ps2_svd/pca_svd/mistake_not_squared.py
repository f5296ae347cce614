"""Mistake: uses the singular values where their squares belong."""
import numpy as np

EXPECT = "pca_svd.not_squared"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k].T, s[:k] / (len(X) - 1), s[:k] / s.sum()
