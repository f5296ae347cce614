"""Valid: scipy.linalg.eigh with np.flip along the right axes."""
import numpy as np
import scipy.linalg

EXPECT = "valid"


def eigh_descending(A):
    values, vectors = scipy.linalg.eigh(np.asarray(A, dtype=float))
    return np.flip(values), np.flip(vectors, axis=1)
