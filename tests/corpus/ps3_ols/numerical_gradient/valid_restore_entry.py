"""Valid: shifts one entry of a float copy and puts it back after each coordinate."""

import numpy as np

EXPECT = "valid"


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    for i in range(x.size):
        old = x[i]
        x[i] = old + eps
        f_plus = f(x)
        x[i] = old - eps
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
