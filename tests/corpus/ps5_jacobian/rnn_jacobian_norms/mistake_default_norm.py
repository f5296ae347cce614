"""Mistake: np.linalg.norm(P) without ord=2 gives the Frobenius norm."""

import numpy as np

EXPECT = "rnn_jacobian_norms.frobenius"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    P = np.eye(W_hh.shape[0])
    norms = []
    for d in tanh_derivs:
        P = np.diag(d) @ W_hh @ P
        norms.append(np.linalg.norm(P))
    return np.array(norms)
