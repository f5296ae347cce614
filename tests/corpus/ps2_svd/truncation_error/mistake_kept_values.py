"""Mistake: takes the norm of the kept singular values s[:k]."""
import numpy as np

EXPECT = "truncation_error.kept_values"


def truncation_error(s, k):
    return np.sqrt(np.sum(s[:k] ** 2))
