"""Valid: np.where keeps h / (1 - p) where the mask is 1 and 0 elsewhere."""

import numpy as np

EXPECT = "valid"


def inverted_dropout(h, mask, p):
    return np.where(mask == 1, h / (1 - p), 0.0)
