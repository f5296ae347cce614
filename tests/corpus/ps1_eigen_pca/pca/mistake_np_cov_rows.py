"""Mistake: numpy.cov(X) without rowvar=False, an n x n matrix of samples."""
import numpy as np

EXPECT = "pca.np_cov_rows"


def pca(X, k):
    C = np.cov(X)
    vals, vecs = np.linalg.eigh(C)
    idx = np.argsort(vals)[::-1][:k]
    return vecs[:, idx], vals[idx], vals[idx] / np.trace(C)
