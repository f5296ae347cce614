"""Mistake: s * Vt broadcasts along the columns of Vt instead of scaling its rows."""

EXPECT = "svd_reconstruct.scales_columns_of_vt"


def svd_reconstruct(U, s, Vt):
    return U @ (s * Vt)
