"""Mistake: the population covariance (bias=True divides by n)."""
import numpy as np

EXPECT = "covariance_matrix.divides_by_n"


def covariance_matrix(X):
    return np.cov(X, rowvar=False, bias=True)
