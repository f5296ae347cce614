"""Valid: SciPy's mahalanobis, which takes the inverse covariance."""

import numpy as np
from scipy.spatial import distance

EXPECT = "valid"


def mahalanobis(x, mean, cov):
    return distance.mahalanobis(np.asarray(x, dtype=float), np.asarray(mean, dtype=float), np.linalg.inv(cov))
