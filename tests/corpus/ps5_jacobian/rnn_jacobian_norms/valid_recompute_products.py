"""Valid: recomputes every product from scratch with the newest Jacobian on the left, and takes the largest singular value."""

import numpy as np

EXPECT = "valid"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    W = np.asarray(W_hh, dtype=float)
    D = np.asarray(tanh_derivs, dtype=float)
    result = []
    for t in range(len(D)):
        P = np.eye(W.shape[0])
        for s in range(t + 1):
            P = (D[s][:, None] * W) @ P
        result.append(np.linalg.svd(P, compute_uv=False).max())
    return np.array(result)
