"""Mistake: smallest over largest singular value."""

import numpy as np

EXPECT = "condition_number.inverted"


def condition_number(H):
    s = np.linalg.svd(H, compute_uv=False)
    return s.min() / s.max()
