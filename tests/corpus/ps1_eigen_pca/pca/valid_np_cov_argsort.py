"""Valid: numpy.cov(rowvar=False), eigh, an argsort in descending order and flipped signs."""
import numpy as np

EXPECT = "valid"


def pca(X, k):
    C = np.atleast_2d(np.cov(X, rowvar=False))
    vals, vecs = np.linalg.eigh(C)
    order = np.argsort(vals)[::-1][:k]
    components = -vecs[:, order]
    explained_variance = vals[order]
    ratio = explained_variance / vals.sum()
    return components, explained_variance, ratio
