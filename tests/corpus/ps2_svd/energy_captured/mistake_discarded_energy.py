"""Mistake: returns the share of the singular values that truncation drops."""
import numpy as np

EXPECT = "energy_captured.discarded_energy"


def energy_captured(s, k):
    s = np.asarray(s, dtype=float)
    return (s[k:] ** 2).sum() / (s ** 2).sum()
