"""Valid: adds k rank-1 matrices s_i u_i v_i^T in a loop."""
import numpy as np

EXPECT = "valid"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A)
    result = np.zeros(A.shape)
    for i in range(k):
        result += s[i] * np.outer(U[:, i], Vt[i])
    return result
