"""Valid: the minimum-norm least-squares solution of A X = I is the pseudo-inverse."""
import numpy as np

EXPECT = "valid"


def pinv_svd(A, rtol=1e-12):
    m = A.shape[0]
    solution, *_ = np.linalg.lstsq(A, np.eye(m), rcond=rtol)
    return solution
