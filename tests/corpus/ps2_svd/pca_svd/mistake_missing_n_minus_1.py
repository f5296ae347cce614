"""Mistake: returns s**2 as the explained variance without dividing by n - 1."""
import numpy as np

EXPECT = "pca_svd.missing_n_minus_1"


def pca_svd(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    energy = s ** 2
    return Vt[:k].T, energy[:k], energy[:k] / energy.sum()
