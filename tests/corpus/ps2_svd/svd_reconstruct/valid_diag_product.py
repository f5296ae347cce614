"""Valid: the textbook product U @ diag(s) @ Vt."""
import numpy as np

EXPECT = "valid"


def svd_reconstruct(U, s, Vt):
    return U @ np.diag(s) @ Vt
