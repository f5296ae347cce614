"""Valid: SVD of the centred data with every component negated."""
import numpy as np

EXPECT = "valid"


def pca_svd(X, k):
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return -Vt[:k].T, s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s ** 2)
