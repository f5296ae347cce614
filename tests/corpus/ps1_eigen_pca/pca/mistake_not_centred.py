"""Mistake: eigendecomposes X^T X / (n - 1) without subtracting the means."""
import numpy as np

EXPECT = "pca.not_centred"


def pca(X, k):
    C = X.T @ X / (X.shape[0] - 1)
    vals, vecs = np.linalg.eigh(C)
    vals, vecs = vals[::-1], vecs[:, ::-1]
    return vecs[:, :k], vals[:k], vals[:k] / vals.sum()
