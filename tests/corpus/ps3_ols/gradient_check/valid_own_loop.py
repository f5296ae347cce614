"""Valid: calls numerical_gradient and guards the zero denominator with a tiny threshold.

numerical_gradient is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "valid"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = np.asarray(grad_f(x), dtype=float)
    g_num = numerical_gradient(f, x, eps)
    num = np.linalg.norm(g - g_num)
    den = np.linalg.norm(g) + np.linalg.norm(g_num)
    if den < 1e-300:
        return 0.0
    return num / den
