"""Valid: each partial derivative summed with explicit loops."""

import numpy as np

EXPECT = "valid"


def grad_quadratic_form(A, x):
    n = len(x)
    grad = np.zeros(n)
    for k in range(n):
        for j in range(n):
            grad[k] += A[k, j] * x[j] + A[j, k] * x[j]
    return grad
