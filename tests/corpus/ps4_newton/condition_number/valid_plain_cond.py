"""Valid: np.linalg.cond without a singularity check; for a singular H it returns inf or about 1e16, both accepted."""

import numpy as np

EXPECT = "valid"


def condition_number(H):
    return np.linalg.cond(H)
