"""Mistake: divides the explained variance by the sum over the kept components only."""
import numpy as np

EXPECT = "pca.ratio_over_top_k"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = np.linalg.eigh(C)
    vals, vecs = vals[::-1][:k], vecs[:, ::-1][:, :k]
    return vecs, vals, vals / vals.sum()
