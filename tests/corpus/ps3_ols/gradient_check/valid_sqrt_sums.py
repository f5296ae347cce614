"""Valid: 2-norms written as square roots of sums of squares.

numerical_gradient is the function defined earlier in the notebook.
"""

import math

import numpy as np

EXPECT = "valid"


def gradient_check(f, grad_f, x, eps=1e-6):
    g = grad_f(np.array(x, dtype=float))
    g_num = numerical_gradient(f, x, eps=eps)
    diff = math.sqrt(sum((a - b) ** 2 for a, b in zip(g, g_num)))
    norm_g = math.sqrt(sum(a * a for a in g))
    norm_num = math.sqrt(sum(b * b for b in g_num))
    if norm_g == 0 and norm_num == 0:
        return 0.0
    return diff / (norm_g + norm_num)
