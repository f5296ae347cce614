"""Valid: numpy.linalg.norm of the discarded singular values."""
import numpy as np

EXPECT = "valid"


def truncation_error(s, k):
    return np.linalg.norm(s[k:])
