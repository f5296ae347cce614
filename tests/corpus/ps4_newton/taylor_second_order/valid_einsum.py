"""Valid: the quadratic term written with np.einsum, and dot products spelled out."""

import numpy as np

EXPECT = "valid"


def taylor_second_order(f0, g, H, dx):
    linear = np.dot(g, dx)
    quadratic = np.einsum("i,ij,j->", dx, H, dx)
    return f0 + linear + quadratic / 2
