"""Valid: numpy.linalg.pinv with the same relative cutoff."""
import numpy as np

EXPECT = "valid"


def pinv_svd(A, rtol=1e-12):
    return np.linalg.pinv(A, rtol=rtol)
