"""Mistake: reverses the rows of the eigenvector matrix ([::-1]) instead of its columns."""
import numpy as np

EXPECT = "eigh_descending.rows_reversed"


def eigh_descending(A):
    w, v = np.linalg.eigh(A)
    return w[::-1], v[::-1]
