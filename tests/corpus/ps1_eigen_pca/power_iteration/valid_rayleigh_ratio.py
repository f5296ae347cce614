"""Valid: normalises with np.sqrt(v @ v) and returns the Rayleigh quotient as a ratio."""
import numpy as np

EXPECT = "valid"


def power_iteration(A, num_iters=1000):
    A = A.astype(float)
    v = np.ones(len(A)) / np.sqrt(len(A))
    for step in range(num_iters):
        v = A @ v
        v = v / np.sqrt(v @ v)
    eigenvalue = (v @ (A @ v)) / (v @ v)
    return float(eigenvalue), v
