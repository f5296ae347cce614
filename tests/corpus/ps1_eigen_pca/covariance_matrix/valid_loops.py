"""Valid: every entry computed with explicit loops over features and samples."""
import numpy as np

EXPECT = "valid"


def covariance_matrix(X):
    n, d = X.shape
    means = [sum(X[s, j] for s in range(n)) / n for j in range(d)]
    C = np.zeros((d, d))
    for i in range(d):
        for j in range(d):
            total = 0.0
            for s in range(n):
                total += (X[s, i] - means[i]) * (X[s, j] - means[j])
            C[i, j] = total / (n - 1)
    return C
