"""Valid: builds the results column by column in Python lists and returns a list of three items."""
import numpy as np

EXPECT = "valid"


def pca(X, k):
    means = X.mean(axis=0)
    centred = X - means
    cov = centred.T @ centred / (X.shape[0] - 1)
    w, v = np.linalg.eigh(cov)
    components, variances = [], []
    for i in range(k):
        j = len(w) - 1 - i
        components.append(v[:, j])
        variances.append(w[j])
    total = sum(w)
    ratios = [value / total for value in variances]
    return [np.column_stack(components), variances, ratios]
