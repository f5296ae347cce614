"""Valid: the square root of the total energy minus the kept energy."""
import math

EXPECT = "valid"


def truncation_error(s, k):
    total = sum(float(x) ** 2 for x in s)
    kept = sum(float(x) ** 2 for x in s[:k])
    return math.sqrt(max(total - kept, 0.0))
