"""Mistake: applies the mask but never rescales."""

import numpy as np

EXPECT = "inverted_dropout.not_scaled"


def inverted_dropout(h, mask, p):
    return np.multiply(h, mask).astype(float)
