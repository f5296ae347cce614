"""Valid: three-point diagonal, four-point upper triangle mirrored to the lower one."""

import numpy as np

EXPECT = "valid"


def numerical_hessian(f, x, eps=1e-4):
    x = np.array(x, dtype=float)
    n = x.shape[0]
    I = np.eye(n)
    fx = f(x)
    H = np.zeros((n, n))
    for i in range(n):
        H[i, i] = (f(x + eps * I[i]) - 2 * fx + f(x - eps * I[i])) / eps**2
        for j in range(i + 1, n):
            pp = f(x + eps * I[i] + eps * I[j])
            pm = f(x + eps * I[i] - eps * I[j])
            mp = f(x - eps * I[i] + eps * I[j])
            mm = f(x - eps * I[i] - eps * I[j])
            H[i, j] = (pp - pm - mp + mm) / (4 * eps * eps)
            H[j, i] = H[i, j]
    return H
