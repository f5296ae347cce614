"""Valid: repeats pi <- pi P from the uniform distribution."""
import numpy as np

EXPECT = "valid"


def stationary_distribution(P):
    m = P.shape[0]
    pi = np.ones(m) / m
    for _ in range(2000):
        pi = pi @ P
    return pi
