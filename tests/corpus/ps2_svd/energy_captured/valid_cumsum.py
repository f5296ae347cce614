"""Valid: cumulative sum of the squared singular values, normalised."""
import numpy as np

EXPECT = "valid"


def energy_captured(s, k):
    energy = np.concatenate([[0.0], np.cumsum(np.square(s))])
    return energy[k] / energy[-1]
