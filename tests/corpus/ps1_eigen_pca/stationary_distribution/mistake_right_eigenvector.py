"""Mistake: eigenvector of P instead of P^T; for eigenvalue 1 that is the constant vector."""
import numpy as np

EXPECT = "stationary_distribution.right_eigenvector"


def stationary_distribution(P):
    w, V = np.linalg.eig(P)
    i = np.argmin(np.abs(w - 1))
    v = np.real(V[:, i])
    return v / v.sum()
