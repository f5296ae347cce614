"""Valid: the trace of np.cov with rowvar=False; atleast_2d covers a single feature, where np.cov returns a 0-d array."""

import numpy as np

EXPECT = "valid"


def total_variance(X):
    return np.trace(np.atleast_2d(np.cov(X, rowvar=False)))
