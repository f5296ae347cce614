"""Mistake: any eigenvalue near zero is reported as degenerate before checking for a saddle."""

import numpy as np

EXPECT = "classify_critical_point.zero_as_degenerate"


def classify_critical_point(H, tol=1e-8):
    w = np.linalg.eigvalsh(H)
    if np.any(np.abs(w) <= tol):
        return "degenerate"
    if np.all(w > 0):
        return "minimum"
    if np.all(w < 0):
        return "maximum"
    return "saddle"
