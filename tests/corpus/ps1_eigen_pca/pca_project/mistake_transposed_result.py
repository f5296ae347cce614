"""Mistake: computes components^T Xc^T, one row per component."""

EXPECT = "pca_project.transposed_result"


def pca_project(X, components):
    Xc = X - X.mean(axis=0)
    return components.T @ Xc.T
