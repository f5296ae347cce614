"""Valid: eigenvector of P^T for the eigenvalue closest to 1, divided by its sum."""
import numpy as np

EXPECT = "valid"


def stationary_distribution(P):
    w, V = np.linalg.eig(P.T)
    i = np.argmin(np.abs(w - 1))
    pi = np.real(V[:, i])
    return pi / pi.sum()
