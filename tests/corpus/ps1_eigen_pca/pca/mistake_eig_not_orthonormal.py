"""Mistake: numpy.linalg.eig on the covariance matrix; a repeated eigenvalue gets non-orthogonal vectors.

NOTE: whether eig returns non-orthogonal vectors for a repeated eigenvalue depends on
the LAPACK build. With the OpenBLAS of the NumPy 2.4 wheels it does on the hidden test input.
"""
import numpy as np

EXPECT = "pca.eig_not_orthonormal"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = np.linalg.eig(C)
    vals, vecs = np.real(vals), np.real(vecs)
    idx = np.argsort(vals)[::-1]
    vals, vecs = vals[idx], vecs[:, idx]
    return vecs[:, :k], vals[:k], vals[:k] / vals.sum()
