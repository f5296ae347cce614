"""Valid: sets the singular values from index k on to zero and multiplies the factors back."""
import numpy as np

EXPECT = "valid"


def rank_k_approx(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_k = s.copy()
    s_k[k:] = 0
    return (U * s_k) @ Vt
