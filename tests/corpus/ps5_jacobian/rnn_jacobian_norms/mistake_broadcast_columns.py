"""Mistake: W_hh * d broadcasts d along the rows, so it scales the columns (W_hh @ diag(d))."""

import numpy as np

EXPECT = "rnn_jacobian_norms.diagonal_on_right"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    P = np.eye(len(W_hh))
    out = np.empty(len(tanh_derivs))
    for t, d in enumerate(tanh_derivs):
        P = (W_hh * d) @ P
        out[t] = np.linalg.norm(P, ord=2)
    return out
