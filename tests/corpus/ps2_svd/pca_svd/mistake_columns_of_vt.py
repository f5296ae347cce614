"""Mistake: takes the first k columns of Vt, which are not the right singular vectors."""
import numpy as np

EXPECT = "pca_svd.columns_of_vt"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    ev = s ** 2 / (X.shape[0] - 1)
    return Vt[:, :k], ev[:k], ev[:k] / ev.sum()
