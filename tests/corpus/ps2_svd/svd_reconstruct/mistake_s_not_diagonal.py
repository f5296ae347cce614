"""Mistake: multiplies by the vector s as if it were the diagonal matrix."""

EXPECT = "svd_reconstruct.s_not_diagonal"


def svd_reconstruct(U, s, Vt):
    return U @ s @ Vt
