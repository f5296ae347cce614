"""Mistake: SVD of the raw data without subtracting the means."""
import numpy as np

EXPECT = "pca_svd.not_centred"


def pca_svd(X, k):
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    var = s ** 2 / (X.shape[0] - 1)
    return Vt[:k].T, var[:k], var[:k] / var.sum()
