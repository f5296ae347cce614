"""Mistake: takes the norm of each step Jacobian J_t alone instead of the running product."""

import numpy as np

EXPECT = "rnn_jacobian_norms.single_step"


def rnn_jacobian_norms(W_hh, tanh_derivs):
    return np.array([np.linalg.norm(np.diag(d) @ W_hh, 2) for d in tanh_derivs])
