"""Valid: a loop that adds lambda_i v_i v_i^T for every eigenpair."""
import numpy as np

EXPECT = "valid"


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    d = eigenvectors.shape[0]
    A = np.zeros((d, d))
    for i in range(len(eigenvalues)):
        v = eigenvectors[:, i]
        A += eigenvalues[i] * np.outer(v, v)
    return A
