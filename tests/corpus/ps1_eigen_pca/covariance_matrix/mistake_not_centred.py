"""Mistake: X^T X / (n - 1) without subtracting the column means."""

EXPECT = "covariance_matrix.not_centred"


def covariance_matrix(X):
    n = X.shape[0]
    return X.T @ X / (n - 1)
