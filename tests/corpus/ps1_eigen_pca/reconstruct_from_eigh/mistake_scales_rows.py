"""Mistake: broadcasts the eigenvalues as a column, which scales the rows of V instead of its columns."""

EXPECT = "reconstruct_from_eigh.scales_rows"


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    scaled = eigenvalues.reshape(-1, 1) * eigenvectors
    return scaled @ eigenvectors.T
