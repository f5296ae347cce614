"""Valid: steps taken from the rows of eps times the identity matrix."""

import numpy as np

EXPECT = "valid"


def numerical_gradient(f, x, eps=1e-6):
    steps = eps * np.eye(len(x))
    return np.array([(f(x + e) - f(x - e)) / (2 * eps) for e in steps])
