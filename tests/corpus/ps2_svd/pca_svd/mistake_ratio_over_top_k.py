"""Mistake: normalises the ratio by the kept singular values only."""
import numpy as np

EXPECT = "pca_svd.ratio_over_top_k"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    s = s[:k]
    return Vt[:k].T, s ** 2 / (len(X) - 1), s ** 2 / np.sum(s ** 2)
