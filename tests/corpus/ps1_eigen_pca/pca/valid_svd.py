"""Valid: PCA through the SVD of the centred data instead of the covariance matrix."""
import numpy as np

EXPECT = "valid"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    n = X.shape[0]
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    variances = s**2 / (n - 1)
    total = variances.sum()
    return Vt[:k].T, variances[:k], variances[:k] / total
