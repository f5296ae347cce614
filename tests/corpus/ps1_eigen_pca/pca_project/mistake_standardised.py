"""Mistake: standardises the data (divides by the standard deviation) before projecting."""

EXPECT = "pca_project.standardised"


def pca_project(X, components):
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    return Z @ components
