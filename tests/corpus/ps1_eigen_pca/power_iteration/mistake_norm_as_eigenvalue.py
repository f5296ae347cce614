"""Mistake: reports ||A v|| as the eigenvalue, which drops the sign of a negative eigenvalue."""
import numpy as np

EXPECT = "power_iteration.norm_as_eigenvalue"


def power_iteration(A, num_iters=1000):
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(num_iters):
        v = A @ v
        v /= np.linalg.norm(v)
    return np.linalg.norm(A @ v), v
