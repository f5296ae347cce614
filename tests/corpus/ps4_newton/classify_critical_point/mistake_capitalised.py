"""Mistake: the right class, but written as "Local minimum", "Saddle point" and so on."""

import numpy as np

EXPECT = "classify_critical_point.label_spelling"


def classify_critical_point(H, tol=1e-8):
    w = np.linalg.eigvalsh(H)
    if np.all(w > tol):
        return "Local minimum"
    if np.all(w < -tol):
        return "Local maximum"
    if np.any(w > tol) and np.any(w < -tol):
        return "Saddle point"
    return "Degenerate"
