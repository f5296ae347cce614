"""Valid: the double sum with plain loops."""

EXPECT = "valid"


def quadratic_form(A, x):
    total = 0.0
    n = len(x)
    for i in range(n):
        for j in range(n):
            total += x[i] * A[i][j] * x[j]
    return total
