"""Mistake: divides s**2 by n, the population variance."""
import numpy as np

EXPECT = "pca_svd.divides_by_n"


def pca_svd(X, k):
    n = len(X)
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    variance = s ** 2 / n
    return Vt[:k].T, variance[:k], variance[:k] / variance.sum()
