"""Mistake: returns Vt[:k] without transposing, one component per row."""
import numpy as np

EXPECT = "pca_svd.components_as_rows"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    var = s ** 2 / (X.shape[0] - 1)
    return Vt[:k], var[:k], var[:k] / var.sum()
