"""Mistake: takes the first k columns of eigh, which belong to the smallest eigenvalues."""
import numpy as np

EXPECT = "pca.ascending_order"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = np.linalg.eigh(C)
    return vecs[:, :k], vals[:k], vals[:k] / vals.sum()
