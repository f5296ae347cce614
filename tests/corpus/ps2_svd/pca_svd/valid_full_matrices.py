"""Valid: full SVD and a ratio from the total variance of the columns."""
import numpy as np

EXPECT = "valid"


def pca_svd(X, k):
    Xc = X - np.mean(X, axis=0)
    _, s, Vt = np.linalg.svd(Xc)
    explained_variance = s[:k] ** 2 / (X.shape[0] - 1)
    total_variance = np.var(X, axis=0, ddof=1).sum()
    return Vt[:k].T, explained_variance, explained_variance / total_variance
