"""Mistake: np.dot of two vectors is their inner product, one number."""

import numpy as np

EXPECT = "lstm_cell_state.matrix_product"


def lstm_cell_state(f, c_prev, i, c_tilde):
    return np.dot(f, c_prev) + np.dot(i, c_tilde)
