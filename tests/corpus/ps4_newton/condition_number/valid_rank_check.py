"""Valid: np.linalg.cond, with inf when matrix_rank shows that H is singular."""

import numpy as np

EXPECT = "valid"


def condition_number(H):
    if np.linalg.matrix_rank(H) < H.shape[0]:
        return np.inf
    return np.linalg.cond(H, 2)
