"""Mistake: sums the singular values themselves instead of their squares."""
import numpy as np

EXPECT = "energy_captured.not_squared"


def energy_captured(s, k):
    return np.sum(s[:k]) / np.sum(s)
