"""Mistake: uses numpy.linalg.eig, which does not orthogonalise the eigenvectors of a repeated eigenvalue.

NOTE: whether eig returns non-orthogonal vectors for a repeated eigenvalue depends on
the LAPACK build. With the OpenBLAS of the NumPy 2.4 wheels it does on the hidden test input.
"""
import numpy as np

EXPECT = "eigh_descending.eig_not_orthonormal"


def eigh_descending(A):
    w, v = np.linalg.eig(A)
    w, v = w.real, v.real
    idx = np.argsort(w)[::-1]
    return w[idx], v[:, idx]
