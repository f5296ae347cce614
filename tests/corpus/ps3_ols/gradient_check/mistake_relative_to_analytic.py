"""Mistake: relative error with respect to the analytic gradient alone.

numerical_gradient is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "gradient_check.relative_to_analytic"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = grad_f(x)
    g_num = numerical_gradient(f, x, eps)
    if np.linalg.norm(g) == 0 and np.linalg.norm(g_num) == 0:
        return 0.0
    return np.linalg.norm(g - g_num) / np.linalg.norm(g)
