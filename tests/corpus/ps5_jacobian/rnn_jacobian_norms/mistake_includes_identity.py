"""Mistake: returns T + 1 norms, starting with the norm of P_0 = I."""

import numpy as np

EXPECT = "rnn_jacobian_norms.starts_from_identity"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    P = np.eye(W_hh.shape[0])
    norms = [np.linalg.norm(P, 2)]
    for d in tanh_derivs:
        P = np.diag(d) @ W_hh @ P
        norms.append(np.linalg.norm(P, 2))
    return np.array(norms)
