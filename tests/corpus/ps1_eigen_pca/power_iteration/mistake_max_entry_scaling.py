"""Mistake: scales by the entry of largest magnitude, so v does not have length 1."""
import numpy as np

EXPECT = "power_iteration.max_entry_scaling"


def power_iteration(A, num_iters=1000):
    v = np.ones(A.shape[0])
    for _ in range(num_iters):
        v = A @ v
        v = v / np.abs(v).max()
    return v @ A @ v, v
