"""Mistake: returns the squared error, forgetting the square root."""
import numpy as np

EXPECT = "truncation_error.not_square_root"


def truncation_error(s, k):
    return np.sum(s[k:] ** 2)
