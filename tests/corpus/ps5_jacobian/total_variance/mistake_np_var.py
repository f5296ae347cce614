"""Mistake: np.var divides by n unless ddof=1 is given."""

import numpy as np

EXPECT = "total_variance.divides_by_n"


def total_variance(X):
    return np.sum(np.var(X, axis=0))
