"""Mistake: numpy.cov without rowvar=False treats each sample as a variable."""
import numpy as np

EXPECT = "covariance_matrix.np_cov_rows"


def covariance_matrix(X):
    return np.cov(X)
