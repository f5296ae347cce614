"""Valid: one entry at a time in a loop."""

import numpy as np

EXPECT = "valid"


def lstm_cell_state(f, c_prev, i, c_tilde):
    c = np.zeros(len(f))
    for k in range(len(f)):
        c[k] = f[k] * c_prev[k] + i[k] * c_tilde[k]
    return c
