"""Valid: float copies of x shifted in place, one coordinate at a time."""

import numpy as np

EXPECT = "valid"


def numerical_gradient(f, x, eps=1e-6):
    x = x.astype(float)
    grad = np.zeros(len(x))
    for i in range(len(x)):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[i] += eps
        x_minus[i] -= eps
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad
