"""Valid: a dot product for every sample and component in Python loops."""
import numpy as np

EXPECT = "valid"


def pca_project(X, components):
    mean = X.mean(axis=0)
    n, k = X.shape[0], components.shape[1]
    Z = np.zeros((n, k))
    for i in range(n):
        for j in range(k):
            Z[i, j] = np.dot(X[i] - mean, components[:, j])
    return Z
