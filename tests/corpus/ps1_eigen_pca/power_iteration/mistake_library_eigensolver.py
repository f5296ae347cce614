"""Mistake: returns the dominant eigenpair from numpy.linalg.eig and never iterates."""
import numpy as np

EXPECT = "power_iteration.ignores_num_iters"


def power_iteration(A, num_iters=1000):
    w, V = np.linalg.eig(A)
    i = np.argmax(np.abs(w))
    v = np.real(V[:, i])
    return float(np.real(w[i])), v / np.linalg.norm(v)
