"""Mistake: puts the transpose on the left, V^T diag(lambda) V."""
import numpy as np

EXPECT = "reconstruct_from_eigh.transpose_on_left"


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    return eigenvectors.T @ np.diag(eigenvalues) @ eigenvectors
