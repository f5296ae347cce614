"""Valid: all singular values in B = U_r diag(s_r), with A = Vt_r."""
import numpy as np

EXPECT = "valid"


def lora_factors(W, r):
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    return U[:, :r] @ np.diag(s[:r]), Vt[:r]
