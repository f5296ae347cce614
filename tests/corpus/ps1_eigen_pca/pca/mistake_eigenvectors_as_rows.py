"""Mistake: selects rows of the eigenvector matrix with the sorted order, then transposes."""
import numpy as np

EXPECT = "pca.eigenvectors_as_rows"


def pca(X, k):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    vals, vecs = np.linalg.eigh(C)
    top = np.argsort(vals)[::-1][:k]
    components = vecs[top].T
    return components, vals[top], vals[top] / vals.sum()
