"""Mistake: subtracts the mean of each row (axis=1) instead of each column."""

EXPECT = "covariance_matrix.rows_centred"


def covariance_matrix(X):
    Xc = X - X.mean(axis=1, keepdims=True)
    return Xc.T @ Xc / (X.shape[0] - 1)
