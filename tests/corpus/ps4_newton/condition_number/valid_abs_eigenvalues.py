"""Valid: for a symmetric H the singular values are the absolute eigenvalues."""

import numpy as np

EXPECT = "valid"


def condition_number(H):
    w = np.abs(np.linalg.eigvalsh(H))
    if w.min() <= 1e-12 * w.max():
        return float("inf")
    return w.max() / w.min()
