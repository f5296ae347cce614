"""Mistake: records the norm before multiplying, so the first entry is the norm of P_0 = I."""

import numpy as np

EXPECT = "rnn_jacobian_norms.starts_from_identity"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    P = np.eye(W_hh.shape[0])
    norms = []
    for d in tanh_derivs:
        norms.append(np.linalg.norm(P, 2))
        P = np.diag(d) @ W_hh @ P
    return np.array(norms)
