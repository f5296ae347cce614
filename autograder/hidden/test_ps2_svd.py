"""Hidden tests of ps2_svd: the SVD, low-rank approximation, PCA by SVD, pseudo-inverse and LoRA.

Every random input comes from a generator with a fixed seed, so a notebook
always gets the same score. Matrices are built with prescribed singular
values that are well apart (or exactly repeated or zero), so that every
accurate method gives the same result within the tolerance.
"""

import numpy as np

from autograder.harness import Case, check_function, check_inputs_unchanged
from autograder.i18n import translator

_ = translator("ps2_svd")

ASSIGNMENT = "ps2_svd"


def _orthonormal_columns(rng, rows, columns):
    """Return a random rows × columns matrix with orthonormal columns."""
    q, r = np.linalg.qr(rng.normal(size=(rows, columns)))
    return q * np.sign(np.diag(r))


def _matrix_with_singular_values(rng, m, n, singular_values):
    """Return a random m × n matrix with exactly these singular values (the rest zero)."""
    rank = len(singular_values)
    U = _orthonormal_columns(rng, m, rank)
    V = _orthonormal_columns(rng, n, rank)
    return (U * np.asarray(singular_values, dtype=float)) @ V.T


def _reduced_svd(matrix):
    U, s, Vt = np.linalg.svd(matrix, full_matrices=False)
    return U, s, Vt


def _correlated_data(rng, n, d, offset=5.0):
    """Return n samples of d correlated features with nonzero means."""
    mixing = rng.normal(size=(d, d)) * rng.uniform(0.5, 3.0, size=d)
    return rng.normal(size=(n, d)) @ mixing + offset * rng.normal(size=d)


def _data_with_variances(rng, n, variances, offset=3.0):
    """Return n samples whose sample covariance has exactly these eigenvalues.

    The nonzero variances come first, and there are at most n - 1 of them.
    """
    variances = np.asarray(variances, dtype=float)
    rank = int(np.count_nonzero(variances))
    centred = rng.normal(size=(n, rank))
    centred -= centred.mean(axis=0)
    # Orthonormal columns in the span of centred columns: each has mean zero.
    basis, _r = np.linalg.qr(centred)
    scores = np.zeros((n, len(variances)))
    scores[:, :rank] = basis * np.sqrt(variances[:rank] * (n - 1))
    rotation = _orthonormal_columns(rng, len(variances), len(variances))
    return scores @ rotation.T + offset * rng.normal(size=len(variances))


# ---------------------------------------------------------------------------
# svd_reconstruct
# ---------------------------------------------------------------------------


def _svd_square_cases():
    rng = np.random.default_rng(2101)
    cases = []
    for n in (3, 5):
        U, s, Vt = np.linalg.svd(rng.normal(size=(n, n)))
        cases.append(Case((U, s, Vt), _("SVD of a random square matrix")))
    return cases


def test_svd_reconstruct_square(student):
    check_function(student, ASSIGNMENT, "svd_reconstruct", _svd_square_cases())


def test_svd_reconstruct_rectangular(student):
    rng = np.random.default_rng(2102)
    cases = [
        Case(_reduced_svd(rng.normal(size=(8, 3))), _("reduced SVD of a tall matrix")),
        Case(_reduced_svd(rng.normal(size=(3, 7))), _("reduced SVD of a wide matrix")),
    ]
    U, s, Vt = _reduced_svd(rng.normal(size=(6, 5)))
    cases.append(Case((U[:, :2], s[:2], Vt[:2]), _("truncated SVD: only the largest singular values")))
    check_function(student, ASSIGNMENT, "svd_reconstruct", cases)


def test_svd_reconstruct_integer_input(student):
    identity = np.eye(3, dtype=int)
    permutation = np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    cases = [Case((identity, np.array([4, 2, 1]), permutation), _("integer factors"))]
    check_function(student, ASSIGNMENT, "svd_reconstruct", cases)


def test_svd_reconstruct_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "svd_reconstruct", _svd_square_cases())


# ---------------------------------------------------------------------------
# rank_k_approx
# ---------------------------------------------------------------------------


def _rank_random_cases():
    rng = np.random.default_rng(2201)
    return [
        Case((_matrix_with_singular_values(rng, 6, 6, [9.0, 6.0, 4.0, 2.0, 1.0, 0.5]), 3), _("random square matrix, k between 1 and min(m, n)")),
        Case((_matrix_with_singular_values(rng, 10, 4, [20.0, 8.0, 3.0, 1.0]) + 2.0, 2), _("random tall matrix, k between 1 and min(m, n)")),
        Case((_matrix_with_singular_values(rng, 4, 9, [5.0, 3.0, 2.0, 0.5]), 2), _("random wide matrix, k between 1 and min(m, n)")),
    ]


def test_rank_k_approx_random_matrices(student):
    check_function(student, ASSIGNMENT, "rank_k_approx", _rank_random_cases())


def test_rank_k_approx_k_edges(student):
    rng = np.random.default_rng(2202)
    matrix = _matrix_with_singular_values(rng, 5, 4, [7.0, 4.0, 2.0, 1.0]) + 1.0
    cases = [
        Case((matrix, 1), _("k = 1: the best rank-1 approximation")),
        Case((matrix, 4), _("k = min(m, n): the matrix itself")),
        Case((matrix, 0), _("k = 0: the zero matrix")),
    ]
    check_function(student, ASSIGNMENT, "rank_k_approx", cases)


def test_rank_k_approx_rank_deficient(student):
    rng = np.random.default_rng(2203)
    matrix = _matrix_with_singular_values(rng, 7, 5, [6.0, 2.0])
    cases = [
        Case((matrix, 1), _("rank-deficient matrix, k below the rank")),
        Case((matrix, 2), _("rank-deficient matrix, k equal to the rank")),
        Case((matrix, 3), _("rank-deficient matrix, k above the rank")),
    ]
    check_function(student, ASSIGNMENT, "rank_k_approx", cases)


def test_rank_k_approx_integer_input(student):
    matrix = np.array([[4, 0, 1, 2], [1, 3, 0, 0], [0, 2, 5, 1], [2, 1, 1, 6], [3, 0, 2, 1]])
    cases = [Case((matrix, 2), _("integer matrix"))]
    check_function(student, ASSIGNMENT, "rank_k_approx", cases)


def test_rank_k_approx_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "rank_k_approx", _rank_random_cases())


# ---------------------------------------------------------------------------
# energy_captured and truncation_error
# ---------------------------------------------------------------------------


def _singular_value_cases():
    rng = np.random.default_rng(2301)
    values = np.linalg.svd(rng.normal(size=(8, 6)), compute_uv=False)
    return [
        Case((values, 2), _("singular values of a random matrix")),
        Case((np.array([12.0, 5.0, 3.0, 0.0, 0.0]), 2), _("singular values of a rank-deficient matrix")),
    ]


def _singular_value_edge_cases():
    values = np.array([6.0, 4.0, 2.5, 1.0])
    return [
        Case((values, 0), _("k = 0: nothing kept")),
        Case((values, 1), _("k = 1: only the largest singular value")),
        Case((values, 4), _("k equal to the number of singular values: everything kept")),
    ]


def test_energy_captured_random(student):
    check_function(student, ASSIGNMENT, "energy_captured", _singular_value_cases())


def test_energy_captured_k_edges(student):
    check_function(student, ASSIGNMENT, "energy_captured", _singular_value_edge_cases())


def test_energy_captured_integer_input(student):
    cases = [Case((np.array([5, 3, 1]), 1), _("integer singular values"))]
    check_function(student, ASSIGNMENT, "energy_captured", cases)


def test_energy_captured_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "energy_captured", _singular_value_cases())


def test_truncation_error_random(student):
    check_function(student, ASSIGNMENT, "truncation_error", _singular_value_cases())


def test_truncation_error_k_edges(student):
    check_function(student, ASSIGNMENT, "truncation_error", _singular_value_edge_cases())


def test_truncation_error_integer_input(student):
    cases = [Case((np.array([5, 3, 1]), 1), _("integer singular values"))]
    check_function(student, ASSIGNMENT, "truncation_error", cases)


def test_truncation_error_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "truncation_error", _singular_value_cases())


# ---------------------------------------------------------------------------
# pca_svd
# ---------------------------------------------------------------------------


def _pca_svd_random_cases():
    rng = np.random.default_rng(2401)
    return [
        Case((_correlated_data(rng, 60, 4), 2), _("random correlated data, k between 1 and d")),
        Case((_correlated_data(rng, 150, 6, offset=20.0), 3), _("random correlated data with large means, k between 1 and d")),
        Case((_data_with_variances(rng, 5, [6.0, 3.0, 1.5, 0.0, 0.0, 0.0]), 3), _("wide data: fewer samples than features")),
    ]


def test_pca_svd_random_data(student):
    check_function(student, ASSIGNMENT, "pca_svd", _pca_svd_random_cases())


def test_pca_svd_k_edges(student):
    rng = np.random.default_rng(2402)
    cases = [
        Case((_correlated_data(rng, 80, 5), 1), _("random data, k = 1 (one component)")),
        Case((_correlated_data(rng, 80, 4), 4), _("random data, k = d (every component)")),
        Case((_correlated_data(rng, 40, 1), 1), _("data with a single feature")),
    ]
    check_function(student, ASSIGNMENT, "pca_svd", cases)


def test_pca_svd_repeated_singular_values(student):
    rng = np.random.default_rng(2403)
    cases = [
        Case((_data_with_variances(rng, 50, [9.0, 4.0, 4.0, 1.0]), 3), _("data with a repeated singular value")),
        Case((_data_with_variances(rng, 50, [5.0, 5.0, 2.0]), 2), _("data with a repeated largest singular value")),
    ]
    check_function(student, ASSIGNMENT, "pca_svd", cases)


def test_pca_svd_integer_input(student):
    rng = np.random.default_rng(2404)
    data = rng.integers(0, 10, size=(40, 3)) @ np.array([[2, 1, 0], [0, 1, 0], [1, 0, 1]])
    cases = [Case((data, 2), _("integer data"))]
    check_function(student, ASSIGNMENT, "pca_svd", cases)


def test_pca_svd_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "pca_svd", _pca_svd_random_cases()[:2])


# ---------------------------------------------------------------------------
# pinv_svd
# ---------------------------------------------------------------------------


def _pinv_full_rank_cases():
    rng = np.random.default_rng(2501)
    return [
        Case((_matrix_with_singular_values(rng, 4, 4, [5.0, 3.0, 2.0, 1.0]),), _("invertible square matrix")),
        Case((_matrix_with_singular_values(rng, 6, 3, [4.0, 2.0, 0.5]),), _("tall matrix of full column rank")),
        Case((_matrix_with_singular_values(rng, 3, 5, [3.0, 1.5, 1.0]),), _("wide matrix of full row rank")),
    ]


def test_pinv_svd_full_rank(student):
    check_function(student, ASSIGNMENT, "pinv_svd", _pinv_full_rank_cases())


def test_pinv_svd_rank_deficient(student):
    rng = np.random.default_rng(2502)
    cases = [
        Case((_matrix_with_singular_values(rng, 7, 4, [6.0, 2.0]),), _("tall rank-deficient matrix")),
        Case((_matrix_with_singular_values(rng, 3, 6, [4.0]),), _("wide rank-1 matrix")),
        Case((_matrix_with_singular_values(rng, 4, 4, [5.0, 2.0, 1.0]),), _("singular square matrix")),
    ]
    check_function(student, ASSIGNMENT, "pinv_svd", cases)


def test_pinv_svd_custom_rtol(student):
    rng = np.random.default_rng(2503)
    # With rtol = 0.05 the relative cutoff is 5: only 100 and 20 are kept,
    # while the absolute cutoff 0.05 would also keep 1.
    matrix = _matrix_with_singular_values(rng, 6, 4, [100.0, 20.0, 1.0, 0.01])
    cases = [Case((matrix, 0.05), _("a cutoff rtol larger than the default"))]
    check_function(student, ASSIGNMENT, "pinv_svd", cases)


def test_pinv_svd_integer_input(student):
    cases = [
        Case((np.array([[1, 2], [2, 4], [3, 6]]),), _("integer rank-1 matrix")),
        Case((np.array([[2, 0, 1], [0, 3, 0]]),), _("wide integer matrix")),
    ]
    check_function(student, ASSIGNMENT, "pinv_svd", cases)


def test_pinv_svd_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "pinv_svd", _pinv_full_rank_cases())


# ---------------------------------------------------------------------------
# lora_factors
# ---------------------------------------------------------------------------


def _lora_random_cases():
    rng = np.random.default_rng(2601)
    return [
        Case((_matrix_with_singular_values(rng, 8, 6, [10.0, 6.0, 3.0, 1.0, 0.5, 0.2]), 2), _("random weight matrix with more outputs than inputs")),
        Case((_matrix_with_singular_values(rng, 5, 12, [7.0, 5.0, 2.0, 1.0, 0.3]), 3), _("random weight matrix with more inputs than outputs")),
    ]


def test_lora_factors_random(student):
    check_function(student, ASSIGNMENT, "lora_factors", _lora_random_cases())


def test_lora_factors_rank_edges(student):
    rng = np.random.default_rng(2602)
    weights = _matrix_with_singular_values(rng, 6, 6, [8.0, 5.0, 3.0, 2.0, 1.0, 0.5])
    cases = [
        Case((weights, 1), _("rank r = 1")),
        Case((weights, 6), _("full rank r = min(d_out, d_in)")),
    ]
    check_function(student, ASSIGNMENT, "lora_factors", cases)


def test_lora_factors_integer_input(student):
    weights = np.array([[3, 1, 0, 2], [1, 4, 1, 0], [0, 1, 5, 1]])
    cases = [Case((weights, 2), _("integer weight matrix"))]
    check_function(student, ASSIGNMENT, "lora_factors", cases)


def test_lora_factors_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "lora_factors", _lora_random_cases())


# ---------------------------------------------------------------------------
# lora_compression_ratio
# ---------------------------------------------------------------------------


def test_lora_compression_ratio_square_layer(student):
    cases = [
        Case((4096, 4096, 8), _("square layer of a large language model")),
        Case((768, 768, 16), _("square layer of a small transformer")),
    ]
    check_function(student, ASSIGNMENT, "lora_compression_ratio", cases)


def test_lora_compression_ratio_rectangular_layer(student):
    cases = [
        Case((768, 3072, 16), _("rectangular feed-forward layer")),
        Case((1024, 4096, 4), _("rectangular feed-forward layer")),
    ]
    check_function(student, ASSIGNMENT, "lora_compression_ratio", cases)


def test_lora_compression_ratio_small_matrix(student):
    cases = [Case((10, 6, 2), _("small matrix, where the ratio is not a whole number"))]
    check_function(student, ASSIGNMENT, "lora_compression_ratio", cases)
