"""Valid: the textbook product V @ diag(lambda) @ V.T."""
import numpy as np

EXPECT = "valid"


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    V = eigenvectors
    return V @ np.diag(eigenvalues) @ V.T
