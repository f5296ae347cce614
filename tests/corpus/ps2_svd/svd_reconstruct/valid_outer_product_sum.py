"""Valid: a loop that adds s_i u_i v_i^T for every singular triple."""
import numpy as np

EXPECT = "valid"


def svd_reconstruct(U, s, Vt):
    A = np.zeros((U.shape[0], Vt.shape[1]))
    for i in range(len(s)):
        A = A + s[i] * np.outer(U[:, i], Vt[i, :])
    return A
