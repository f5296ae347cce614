"""Mistake: x.copy() of an integer array, so every shifted point is x itself."""

import numpy as np

EXPECT = "numerical_hessian.integer_truncation"


def numerical_hessian(f, x, eps=1e-4):
    n = len(x)
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            pp = x.copy(); pp[i] += eps; pp[j] += eps
            pm = x.copy(); pm[i] += eps; pm[j] -= eps
            mp = x.copy(); mp[i] -= eps; mp[j] += eps
            mm = x.copy(); mm[i] -= eps; mm[j] -= eps
            H[i, j] = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * eps**2)
    return H
