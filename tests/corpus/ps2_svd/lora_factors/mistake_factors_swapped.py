"""Mistake: returns (A, B) instead of (B, A)."""
import numpy as np

EXPECT = "lora_factors.factors_swapped"


def lora_factors(W, r):
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    B = U[:, :r] * s[:r]
    A = Vt[:r]
    return A, B
