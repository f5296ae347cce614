"""Valid: counts positive and negative eigenvalues, returned with a trailing space."""

import numpy as np

EXPECT = "valid"


def classify_critical_point(H, tol=1e-8):
    lam = np.linalg.eigvalsh(H)
    n_pos = int(np.sum(lam > tol))
    n_neg = int(np.sum(lam < -tol))
    if n_pos == len(lam):
        result = "minimum"
    elif n_neg == len(lam):
        result = "maximum"
    elif n_pos > 0 and n_neg > 0:
        result = "saddle"
    else:
        result = "degenerate"
    return result + " "
