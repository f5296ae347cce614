"""Valid: B = -U_r and A = -diag(s_r) Vt_r; the two sign flips cancel in B @ A."""
import numpy as np

EXPECT = "valid"


def lora_factors(W, r):
    U, s, Vt = np.linalg.svd(W)
    B = -U[:, :r]
    A = -(s[:r, None] * Vt[:r])
    return B, A
