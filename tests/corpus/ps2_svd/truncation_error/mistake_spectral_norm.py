"""Mistake: returns s[k], the error in the spectral norm."""

EXPECT = "truncation_error.spectral_norm"


def truncation_error(s, k):
    if k >= len(s):
        return 0.0
    return float(s[k])
