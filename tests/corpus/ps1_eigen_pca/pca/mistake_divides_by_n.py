"""Mistake: the covariance divides by n, so every explained variance is too small."""
import numpy as np

EXPECT = "pca.divides_by_n"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / X.shape[0]
    vals, vecs = np.linalg.eigh(C)
    idx = np.argsort(vals)[::-1]
    vals, vecs = vals[idx], vecs[:, idx]
    return vecs[:, :k], vals[:k], vals[:k] / np.sum(vals)
