"""Mistake: returns the absolute error ||g - g_num||.

numerical_gradient is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "gradient_check.absolute_error"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = grad_f(x)
    g_num = numerical_gradient(f, x, eps)
    return float(np.linalg.norm(g - g_num))
