"""Mistake: forward differences (f(x + eps e_j) - f(x)) / eps."""

import numpy as np

EXPECT = "numerical_jacobian.forward_difference"


def numerical_jacobian(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    fx = f(x)
    J = np.zeros((len(fx), len(x)))
    for j in range(len(x)):
        step = np.zeros(len(x))
        step[j] = eps
        J[:, j] = (f(x + step) - fx) / eps
    return J
