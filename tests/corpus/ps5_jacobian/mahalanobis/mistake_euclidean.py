"""Mistake: the Euclidean distance; cov is never used."""

import numpy as np

EXPECT = "mahalanobis.euclidean"


def mahalanobis(x, mean, cov):
    return np.sqrt(np.sum((x - mean) ** 2))
