"""Valid: forms cov^{-1} with np.linalg.inv."""

import numpy as np

EXPECT = "valid"


def mahalanobis(x, mean, cov):
    d = x - mean
    return np.sqrt(d @ np.linalg.inv(cov) @ d)
