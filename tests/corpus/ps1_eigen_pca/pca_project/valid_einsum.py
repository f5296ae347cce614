"""Valid: numpy.einsum on the centred data."""
import numpy as np

EXPECT = "valid"


def pca_project(X, components):
    centred = X - np.mean(X, axis=0, keepdims=True)
    return np.einsum("nd,dk->nk", centred, components)
