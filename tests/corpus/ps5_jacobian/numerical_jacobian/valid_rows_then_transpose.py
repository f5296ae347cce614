"""Valid: collects the central differences as rows, one per input, then transposes to (m, n)."""

import numpy as np

EXPECT = "valid"


def numerical_jacobian(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    rows = []
    for j in range(x.size):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[j] += eps
        x_minus[j] -= eps
        rows.append((np.asarray(f(x_plus)) - np.asarray(f(x_minus))) / (2 * eps))
    return np.array(rows).T
