"""Valid: projects the rows of A onto the top-k eigenvectors of A^T A, since A V_k V_k^T = U_k S_k V_k^T."""
import numpy as np

EXPECT = "valid"


def rank_k_approx(A, k):
    A = np.asarray(A, dtype=float)
    vals, vecs = np.linalg.eigh(A.T @ A)
    V_k = vecs[:, ::-1][:, :k]
    return A @ V_k @ V_k.T
