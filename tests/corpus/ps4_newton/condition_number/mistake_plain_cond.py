"""Mistake: np.linalg.cond without a singularity check returns about 1e16 for a singular H."""

import numpy as np

EXPECT = "condition_number.singular_not_inf"


def condition_number(H):
    return np.linalg.cond(H)
