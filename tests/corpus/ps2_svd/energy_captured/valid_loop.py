"""Valid: sums the squares in a Python loop."""

EXPECT = "valid"


def energy_captured(s, k):
    kept = 0.0
    total = 0.0
    for i, value in enumerate(s):
        total += value * value
        if i < k:
            kept += value * value
    return kept / total
