"""Mistake: multiplies by cov instead of its inverse."""

import numpy as np

EXPECT = "mahalanobis.cov_not_inverted"


def mahalanobis(x, mean, cov):
    diff = x - mean
    return np.sqrt(diff.T @ cov @ diff)
