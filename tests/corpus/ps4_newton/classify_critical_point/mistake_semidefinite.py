"""Mistake: positive semidefinite counted as a minimum (>= -tol instead of > tol)."""

import numpy as np

EXPECT = "classify_critical_point.semidefinite_as_extremum"


def classify_critical_point(H, tol=1e-8):
    w = np.linalg.eigvalsh(H)
    if np.all(w >= -tol):
        return "minimum"
    if np.all(w <= tol):
        return "maximum"
    if np.any(w > tol) and np.any(w < -tol):
        return "saddle"
    return "degenerate"
