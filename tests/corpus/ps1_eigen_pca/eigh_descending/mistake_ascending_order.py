"""Mistake: returns numpy.linalg.eigh unchanged, so the smallest eigenvalue comes first."""
import numpy as np

EXPECT = "eigh_descending.ascending_order"


def eigh_descending(A):
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    return eigenvalues, eigenvectors
