"""Valid: fills a preallocated Jacobian column by column with central differences."""

import numpy as np

EXPECT = "valid"


def numerical_jacobian(f, x, eps=1e-6):
    x = x.astype(float)
    m = len(f(x))
    J = np.zeros((m, len(x)))
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = eps
        J[:, j] = (f(x + e) - f(x - e)) / (2 * eps)
    return J
