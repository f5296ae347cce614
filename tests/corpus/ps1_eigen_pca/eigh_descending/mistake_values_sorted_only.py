"""Mistake: sorts the eigenvalues in descending order but leaves the eigenvectors in eigh's order."""
import numpy as np

EXPECT = "eigh_descending.values_sorted_only"


def eigh_descending(A):
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    eigenvalues = np.sort(eigenvalues)[::-1]
    return eigenvalues, eigenvectors
