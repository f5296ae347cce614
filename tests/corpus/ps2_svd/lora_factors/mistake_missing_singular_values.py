"""Mistake: B = U_r and A = Vt_r, with the singular values left out."""
import numpy as np

EXPECT = "lora_factors.missing_singular_values"


def lora_factors(W, r):
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    return U[:, :r], Vt[:r, :]
