"""Mistake: compares the eigenvalues with 0 and never uses tol."""

import numpy as np

EXPECT = "classify_critical_point.ignores_tol"


def classify_critical_point(H, tol=1e-8):
    w = np.linalg.eigvalsh(H)
    if (w > 0).all():
        return "minimum"
    elif (w < 0).all():
        return "maximum"
    elif (w > 0).any() and (w < 0).any():
        return "saddle"
    else:
        return "degenerate"
