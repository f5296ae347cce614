"""Valid: eigh, then an explicit argsort in descending order, with every eigenvector negated."""
import numpy as np

EXPECT = "valid"


def eigh_descending(A):
    values, vectors = np.linalg.eigh(A)
    order = np.argsort(values)[::-1]
    return values[order], -vectors[:, order]
