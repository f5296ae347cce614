"""Mistake: no special case when both gradients are zero, so 0/0 gives nan.

numerical_gradient is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "gradient_check.no_zero_guard"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = grad_f(x)
    g_num = numerical_gradient(f, x, eps)
    return np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num))
