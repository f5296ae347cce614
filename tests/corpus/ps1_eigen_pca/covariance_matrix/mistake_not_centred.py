"""Mistake: forgets to subtract the column means."""
import numpy as np

EXPECT = "covariance_matrix.not_centred"


def covariance_matrix(X):
    n = X.shape[0]
    return X.T @ X / (n - 1)
