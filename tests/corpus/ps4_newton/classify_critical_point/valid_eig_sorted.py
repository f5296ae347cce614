"""Valid: np.linalg.eig on the symmetric matrix, looking at the smallest and largest eigenvalue."""

import numpy as np

EXPECT = "valid"


def classify_critical_point(H, tol=1e-8):
    eigenvalues = np.sort(np.real(np.linalg.eig(H)[0]))
    smallest, largest = eigenvalues[0], eigenvalues[-1]
    if smallest > tol:
        return "minimum"
    if largest < -tol:
        return "maximum"
    if smallest < -tol and largest > tol:
        return "saddle"
    return "degenerate"
