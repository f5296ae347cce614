"""Valid: numpy.cov with rowvar=False, so that columns are the variables."""
import numpy as np

EXPECT = "valid"


def covariance_matrix(X):
    return np.cov(X, rowvar=False).reshape(X.shape[1], X.shape[1])
