"""Valid: the eigendecomposition route of pca, which must agree up to signs."""
import numpy as np

EXPECT = "valid"


def pca_svd(X, k):
    C = np.atleast_2d(np.cov(X, rowvar=False))
    vals, vecs = np.linalg.eigh(C)
    vals, vecs = vals[::-1], vecs[:, ::-1]
    return vecs[:, :k], vals[:k], vals[:k] / np.trace(C)
