"""Mistake: projects the raw data without subtracting the means."""

EXPECT = "pca_project.not_centred"


def pca_project(X, components):
    return X @ components
