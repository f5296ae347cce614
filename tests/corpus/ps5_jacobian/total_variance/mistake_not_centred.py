"""Mistake: squares the raw data without subtracting the column means."""

import numpy as np

EXPECT = "total_variance.not_centred"


def total_variance(X):
    n = X.shape[0]
    return np.trace(X.T @ X) / (n - 1)
