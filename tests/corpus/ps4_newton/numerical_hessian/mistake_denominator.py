"""Mistake: the four-point mixed difference divided by eps^2 instead of 4 eps^2."""

import numpy as np

EXPECT = "numerical_hessian.missing_factor_four"


def numerical_hessian(f, x, eps=1e-4):
    x = x.astype(float)
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei = eps * np.eye(n)[i]
            ej = eps * np.eye(n)[j]
            if i == j:
                H[i, i] = (f(x + ei) - 2 * f(x) + f(x - ei)) / eps**2
            else:
                H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / eps**2
    return H
