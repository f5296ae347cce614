"""Mistake: returns the squared distance."""

import numpy as np

EXPECT = "mahalanobis.squared"


def mahalanobis(x, mean, cov):
    diff = x - mean
    return diff @ np.linalg.solve(cov, diff)
