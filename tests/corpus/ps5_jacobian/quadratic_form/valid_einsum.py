"""Valid: the double sum x_i A_ij x_j written with einsum."""

import numpy as np

EXPECT = "valid"


def quadratic_form(A, x):
    return np.einsum("i,ij,j->", x, A, x)
