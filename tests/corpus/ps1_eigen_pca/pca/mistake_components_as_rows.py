"""Mistake: returns the components in scikit-learn's layout, one per row."""
import numpy as np

EXPECT = "pca.components_as_rows"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    cov = np.cov(Xc, rowvar=False).reshape(X.shape[1], X.shape[1])
    eigenvalues, eigenvectors = np.linalg.eigh(cov)
    idx = eigenvalues.argsort()[::-1][:k]
    components = eigenvectors[:, idx].T
    explained = eigenvalues[idx]
    return components, explained, explained / eigenvalues.sum()
