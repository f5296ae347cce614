"""Mistake: raises P to a high power and reads the first column instead of a row."""
import numpy as np

EXPECT = "stationary_distribution.column_of_matrix_power"


def stationary_distribution(P):
    Pn = np.linalg.matrix_power(P, 500)
    return Pn[:, 0]
