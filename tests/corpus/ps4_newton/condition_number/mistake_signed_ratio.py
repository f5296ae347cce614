"""Mistake: largest over smallest eigenvalue, signs kept."""

import numpy as np

EXPECT = "condition_number.signed_eigenvalues"


def condition_number(H):
    w = np.linalg.eigvalsh(H)
    if np.isclose(w[0], 0):
        return np.inf
    return w[-1] / w[0]
