"""Valid: SVD of Xc^T, whose left singular vectors are the components."""
import numpy as np

EXPECT = "valid"


def pca_svd(X, k):
    X = X.astype(float)
    Xc = X - X.mean(axis=0, keepdims=True)
    U, s, _ = np.linalg.svd(Xc.T, full_matrices=False)
    variance = s ** 2 / (len(X) - 1)
    return U[:, :k], variance[:k], variance[:k] / variance.sum()
