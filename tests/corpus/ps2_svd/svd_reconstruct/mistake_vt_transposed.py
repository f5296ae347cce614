"""Mistake: transposes Vt again, as if the SVD had returned V."""
import numpy as np

EXPECT = "svd_reconstruct.vt_transposed"


def svd_reconstruct(U, s, Vt):
    return U @ np.diag(s) @ Vt.T
