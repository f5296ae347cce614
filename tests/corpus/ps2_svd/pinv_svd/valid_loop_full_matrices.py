"""Valid: full SVD, then a loop that adds v_i u_i^T / s_i for every singular value above the cutoff."""
import numpy as np

EXPECT = "valid"


def pinv_svd(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(A)
    m, n = A.shape
    result = np.zeros((n, m))
    for i in range(len(s)):
        if s[i] > rtol * s[0]:
            result += np.outer(Vt[i], U[:, i]) / s[i]
    return result
