"""Mistake: slices s[:k + 1], which keeps k + 1 singular values."""
import numpy as np

EXPECT = "energy_captured.off_by_one"


def energy_captured(s, k):
    return np.sum(s[:k + 1] ** 2) / np.sum(s ** 2)
