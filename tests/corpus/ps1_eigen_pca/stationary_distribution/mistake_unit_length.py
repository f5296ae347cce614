"""Mistake: returns the eigenvector of P^T as eig gives it, with 2-norm 1 instead of sum 1."""
import numpy as np

EXPECT = "stationary_distribution.unit_length"


def stationary_distribution(P):
    w, V = np.linalg.eig(P.T)
    i = np.argmax(np.real(w))
    return np.real(V[:, i])
