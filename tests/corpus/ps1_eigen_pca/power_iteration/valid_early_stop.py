"""Valid: stops early once the vector no longer changes; at most num_iters steps."""
import numpy as np

EXPECT = "valid"


def power_iteration(A, num_iters=1000):
    v = np.ones(A.shape[0])
    v = v / np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        w = w / np.linalg.norm(w)
        if np.linalg.norm(w - v) < 1e-14:
            v = w
            break
        v = w
    return v @ A @ v, v
