"""Mistake: looks at the signs of the diagonal entries of H."""

import numpy as np

EXPECT = "classify_critical_point.diagonal_signs"


def classify_critical_point(H, tol=1e-8):
    d = np.diag(H)
    if np.all(d > tol):
        return "minimum"
    if np.all(d < -tol):
        return "maximum"
    if np.any(d > tol) and np.any(d < -tol):
        return "saddle"
    return "degenerate"
