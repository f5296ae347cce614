"""Mistake: multiplies the running product by the new Jacobian on the right, P = P @ J_t."""

import numpy as np

EXPECT = "rnn_jacobian_norms.wrong_order"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    P = np.eye(W_hh.shape[0])
    norms = []
    for d in tanh_derivs:
        P = P @ (np.diag(d) @ W_hh)
        norms.append(np.linalg.norm(P, 2))
    return np.array(norms)
