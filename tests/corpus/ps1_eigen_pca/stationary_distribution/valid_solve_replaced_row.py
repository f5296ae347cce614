"""Valid: solves (P^T - I) pi = 0 with its last equation replaced by sum(pi) = 1."""
import numpy as np

EXPECT = "valid"


def stationary_distribution(P):
    m = len(P)
    M = P.T - np.eye(m)
    M[-1, :] = 1.0
    b = np.zeros(m)
    b[-1] = 1.0
    return np.linalg.solve(M, b)
