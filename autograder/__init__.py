"""Grading engine and hidden tests of the matrix decompositions and matrix calculus kit."""

__version__ = "0.1.0"

ASSIGNMENTS = ("ps1_eigen_pca", "ps2_svd", "ps3_ols", "ps4_newton", "ps5_jacobian", "quiz")
