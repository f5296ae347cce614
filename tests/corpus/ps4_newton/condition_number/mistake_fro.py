"""Mistake: the Frobenius-norm condition number."""

import numpy as np

EXPECT = "condition_number.frobenius"


def condition_number(H):
    if np.linalg.matrix_rank(H) < len(H):
        return np.inf
    return np.linalg.norm(H, "fro") * np.linalg.norm(np.linalg.inv(H), "fro")
