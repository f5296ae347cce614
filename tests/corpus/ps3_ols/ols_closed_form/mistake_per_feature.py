"""Mistake: one simple regression through the origin per column."""

import numpy as np

EXPECT = "ols_closed_form.per_feature_slopes"


def ols_closed_form(X, y):
    d = X.shape[1]
    beta = np.zeros(d)
    for j in range(d):
        xj = X[:, j]
        beta[j] = xj @ y / (xj @ xj)
    return beta
