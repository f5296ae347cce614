"""Mistake: diag(s_r) in both factors, so B @ A has the squared singular values."""
import numpy as np

EXPECT = "lora_factors.singular_values_twice"


def lora_factors(W, r):
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    S = np.diag(s[:r])
    B = U[:, :r] @ S
    A = S @ Vt[:r]
    return B, A
