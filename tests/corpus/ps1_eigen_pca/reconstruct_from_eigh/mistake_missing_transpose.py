"""Mistake: leaves out the transpose of the last factor."""
import numpy as np

EXPECT = "reconstruct_from_eigh.missing_transpose"


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    Lambda = np.diag(eigenvalues)
    return eigenvectors @ Lambda @ eigenvectors
