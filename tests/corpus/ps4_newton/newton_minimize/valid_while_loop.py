"""Valid: a while loop that reuses newton_step from the notebook.

newton_step is the function defined earlier in the notebook.
"""

import numpy as np

EXPECT = "valid"


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    num_iters = 0
    while num_iters < max_iter and np.linalg.norm(grad(x)) >= tol:
        x = newton_step(grad, hess, x)
        num_iters += 1
    return x, num_iters
