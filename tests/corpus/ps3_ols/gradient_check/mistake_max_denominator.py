"""Mistake: the denominator is the larger of the two norms.

numerical_gradient is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "gradient_check.max_denominator"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = grad_f(x)
    g_num = numerical_gradient(f, x, eps)
    denominator = max(np.linalg.norm(g), np.linalg.norm(g_num))
    if denominator == 0:
        return 0.0
    return np.linalg.norm(g - g_num) / denominator
