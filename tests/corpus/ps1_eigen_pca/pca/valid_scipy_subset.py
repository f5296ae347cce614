"""Valid: scipy.linalg.eigh computes only the k largest eigenpairs; the ratio uses the trace."""
import numpy as np
import scipy.linalg

EXPECT = "valid"


def pca(X, k):
    X = np.asarray(X, dtype=float)
    d = X.shape[1]
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = scipy.linalg.eigh(C, subset_by_index=[d - k, d - 1])
    vals, vecs = vals[::-1], vecs[:, ::-1]
    return vecs, vals, vals / np.trace(C)
