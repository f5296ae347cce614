"""Hidden tests of ps1_eigen_pca: eigendecomposition, PCA, power iteration, Markov chains.

Every random input comes from a generator with a fixed seed, so a notebook
always gets the same score. Matrices with prescribed eigenvalues keep the
eigenvalues well apart (or exactly repeated), so that every accurate method
gives the same eigenvectors within the tolerance.
"""

import numpy as np

from autograder.harness import Case, check_function, check_inputs_unchanged
from autograder.i18n import translator

_ = translator("ps1_eigen_pca")

ASSIGNMENT = "ps1_eigen_pca"


def _orthogonal(rng, d):
    """Return a random d × d orthogonal matrix."""
    q, r = np.linalg.qr(rng.normal(size=(d, d)))
    return q * np.sign(np.diag(r))


def _symmetric_with_eigenvalues(rng, eigenvalues):
    """Return a random symmetric matrix with exactly these eigenvalues."""
    q = _orthogonal(rng, len(eigenvalues))
    matrix = q @ np.diag(eigenvalues) @ q.T
    return (matrix + matrix.T) / 2


def _correlated_data(rng, n, d, offset=5.0):
    """Return n samples of d correlated features with nonzero means."""
    mixing = rng.normal(size=(d, d)) * rng.uniform(0.5, 3.0, size=d)
    return rng.normal(size=(n, d)) @ mixing + offset * rng.normal(size=d)


def _data_with_variances(rng, n, variances, offset=3.0):
    """Return n samples whose sample covariance has exactly these eigenvalues.

    The number of nonzero variances must be at most n - 1.
    """
    variances = np.asarray(variances, dtype=float)
    rank = int(np.count_nonzero(variances))
    centred = rng.normal(size=(n, rank))
    centred -= centred.mean(axis=0)
    # Orthonormal columns in the span of centred columns: each has mean zero.
    basis, _r = np.linalg.qr(centred)
    scores = np.zeros((n, len(variances)))
    scores[:, :rank] = basis * np.sqrt(variances[variances != 0] * (n - 1))
    return scores @ _orthogonal(rng, len(variances)).T + offset * rng.normal(size=len(variances))


def _row_stochastic(matrix):
    matrix = np.asarray(matrix, dtype=float)
    return matrix / matrix.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------
# eigh_descending
# ---------------------------------------------------------------------------


def _eigh_random_cases():
    rng = np.random.default_rng(1101)
    cases = []
    for eigenvalues in ([4.0, 1.5], [9.0, 5.0, 2.5, 0.5], [12.0, 7.0, 4.5, 3.0, 1.0, 0.2, 0.05]):
        cases.append(Case((_symmetric_with_eigenvalues(rng, eigenvalues),), _("random symmetric positive definite matrix")))
    return cases


def test_eigh_descending_random_symmetric(student):
    check_function(student, ASSIGNMENT, "eigh_descending", _eigh_random_cases())


def test_eigh_descending_negative_eigenvalues(student):
    rng = np.random.default_rng(1102)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [3.0, 1.0, -5.0]),), _("symmetric matrix with a negative eigenvalue of large magnitude")),
        Case((_symmetric_with_eigenvalues(rng, [6.0, 2.0, -0.5, -3.0, -8.0]),), _("symmetric matrix with positive and negative eigenvalues")),
        Case((_symmetric_with_eigenvalues(rng, [-1.0, -2.0, -4.0, -7.0]),), _("symmetric negative definite matrix")),
    ]
    check_function(student, ASSIGNMENT, "eigh_descending", cases)


def test_eigh_descending_repeated_eigenvalues(student):
    rng = np.random.default_rng(1103)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [5.0, 2.0, 2.0, -1.0]),), _("symmetric matrix with a repeated eigenvalue")),
        Case((_symmetric_with_eigenvalues(rng, [3.0, 3.0, 3.0, 1.0, 1.0]),), _("symmetric matrix with two repeated eigenvalues")),
        Case((np.eye(3) * 2.0,), _("multiple of the identity matrix")),
    ]
    check_function(student, ASSIGNMENT, "eigh_descending", cases)


def test_eigh_descending_integer_input(student):
    cases = [
        Case((np.array([[2, 1], [1, 3]]),), _("small symmetric integer matrix")),
        Case((np.array([[4, 1, 0], [1, -2, 2], [0, 2, 1]]),), _("symmetric integer matrix with a negative eigenvalue")),
        Case((np.array([[7]]),), _("1 × 1 integer matrix")),
    ]
    check_function(student, ASSIGNMENT, "eigh_descending", cases)


def test_eigh_descending_inputs_unchanged(student):
    cases = _eigh_random_cases()[1:] + [Case((np.array([[2, 1], [1, 3]]),), _("small symmetric integer matrix"))]
    check_inputs_unchanged(student, ASSIGNMENT, "eigh_descending", cases)


# ---------------------------------------------------------------------------
# reconstruct_from_eigh
# ---------------------------------------------------------------------------


def _reconstruct_random_cases():
    rng = np.random.default_rng(1201)
    cases = []
    for d in (3, 6):
        eigenvalues = np.sort(rng.normal(scale=3.0, size=d))[::-1]
        cases.append(Case((eigenvalues, _orthogonal(rng, d)), _("random eigenvalues with a random orthonormal eigenvector matrix")))
    return cases


def test_reconstruct_from_eigh_random(student):
    check_function(student, ASSIGNMENT, "reconstruct_from_eigh", _reconstruct_random_cases())


def test_reconstruct_from_eigh_low_rank(student):
    rng = np.random.default_rng(1202)
    cases = [
        Case((np.array([4.0, 0.0, 0.0]), _orthogonal(rng, 3)), _("one nonzero eigenvalue (a rank-1 matrix)")),
        Case((np.array([2.5, 2.5, 1.0, 0.0]), _orthogonal(rng, 4)), _("repeated and zero eigenvalues")),
    ]
    check_function(student, ASSIGNMENT, "reconstruct_from_eigh", cases)


def test_reconstruct_from_eigh_integer_input(student):
    permutation = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    cases = [
        Case((np.array([5, 3, -1]), permutation), _("integer eigenvalues with a permutation matrix as eigenvectors")),
        Case((np.array([4]), np.array([[1]])), _("1 × 1 integer input")),
    ]
    check_function(student, ASSIGNMENT, "reconstruct_from_eigh", cases)


def test_reconstruct_from_eigh_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "reconstruct_from_eigh", _reconstruct_random_cases())


# ---------------------------------------------------------------------------
# covariance_matrix
# ---------------------------------------------------------------------------


def _covariance_random_cases():
    rng = np.random.default_rng(1301)
    return [
        Case((_correlated_data(rng, 50, 3),), _("random correlated data with nonzero means")),
        Case((_correlated_data(rng, 200, 5, offset=50.0),), _("random correlated data with large means")),
    ]


def test_covariance_matrix_random_data(student):
    check_function(student, ASSIGNMENT, "covariance_matrix", _covariance_random_cases())


def test_covariance_matrix_few_samples(student):
    rng = np.random.default_rng(1302)
    cases = [
        Case((_correlated_data(rng, 2, 3),), _("only two samples")),
        Case((_correlated_data(rng, 4, 6),), _("wide data: fewer samples than features")),
    ]
    check_function(student, ASSIGNMENT, "covariance_matrix", cases)


def test_covariance_matrix_integer_input(student):
    rng = np.random.default_rng(1303)
    cases = [Case((rng.integers(-5, 20, size=(30, 4)),), _("integer data"))]
    check_function(student, ASSIGNMENT, "covariance_matrix", cases)


def test_covariance_matrix_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "covariance_matrix", _covariance_random_cases())


# ---------------------------------------------------------------------------
# pca
# ---------------------------------------------------------------------------


def _pca_random_cases():
    rng = np.random.default_rng(1401)
    return [
        Case((_correlated_data(rng, 60, 4), 2), _("random correlated data, k between 1 and d")),
        Case((_correlated_data(rng, 150, 6, offset=20.0), 3), _("random correlated data with large means, k between 1 and d")),
        Case((_data_with_variances(rng, 5, [6.0, 3.0, 1.5, 0.0, 0.0, 0.0]), 3), _("wide data: fewer samples than features")),
    ]


def test_pca_random_data(student):
    check_function(student, ASSIGNMENT, "pca", _pca_random_cases())


def test_pca_k_edges(student):
    rng = np.random.default_rng(1402)
    cases = [
        Case((_correlated_data(rng, 80, 5), 1), _("random data, k = 1 (one component)")),
        Case((_correlated_data(rng, 80, 4), 4), _("random data, k = d (every component)")),
        Case((_correlated_data(rng, 40, 1), 1), _("data with a single feature")),
    ]
    check_function(student, ASSIGNMENT, "pca", cases)


def test_pca_repeated_eigenvalues(student):
    rng = np.random.default_rng(1403)
    variances = [9.0, 4.0, 4.0, 1.0]
    cases = [
        Case((_data_with_variances(rng, 50, variances), 3), _("data whose covariance has a repeated eigenvalue")),
        Case((_data_with_variances(rng, 50, [5.0, 5.0, 2.0]), 2), _("data whose covariance has a repeated largest eigenvalue")),
    ]
    check_function(student, ASSIGNMENT, "pca", cases)


def test_pca_integer_input(student):
    rng = np.random.default_rng(1404)
    data = rng.integers(0, 10, size=(40, 3)) @ np.array([[2, 1, 0], [0, 1, 0], [1, 0, 1]])
    cases = [Case((data, 2), _("integer data"))]
    check_function(student, ASSIGNMENT, "pca", cases)


def test_pca_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "pca", _pca_random_cases()[:2])


# ---------------------------------------------------------------------------
# pca_project
# ---------------------------------------------------------------------------


def _project_random_cases():
    rng = np.random.default_rng(1501)
    data = _correlated_data(rng, 40, 5)
    other = _correlated_data(rng, 30, 4, offset=10.0)
    return [
        Case((data, _orthogonal(rng, 5)[:, :2]), _("random data and two orthonormal directions")),
        Case((other, rng.normal(size=(4, 3))), _("random data and three directions that are not orthonormal")),
    ]


def test_pca_project_random_data(student):
    check_function(student, ASSIGNMENT, "pca_project", _project_random_cases())


def test_pca_project_single_component(student):
    rng = np.random.default_rng(1502)
    direction = rng.normal(size=(3, 1))
    cases = [Case((_correlated_data(rng, 25, 3), direction / np.linalg.norm(direction)), _("one component (k = 1)"))]
    check_function(student, ASSIGNMENT, "pca_project", cases)


def test_pca_project_integer_input(student):
    rng = np.random.default_rng(1503)
    cases = [Case((rng.integers(-3, 8, size=(12, 3)), np.array([[1, 0], [0, 0], [0, 1]])), _("integer data and integer components"))]
    check_function(student, ASSIGNMENT, "pca_project", cases)


def test_pca_project_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "pca_project", _project_random_cases())


# ---------------------------------------------------------------------------
# power_iteration
# ---------------------------------------------------------------------------


def _power_symmetric_cases():
    rng = np.random.default_rng(1601)
    return [
        Case((_symmetric_with_eigenvalues(rng, [10.0, 3.0, 1.0, -2.0]),), _("random symmetric matrix with a clear eigenvalue gap")),
        Case((_symmetric_with_eigenvalues(rng, [6.0, 4.0, 2.0, 1.0, 0.5, 0.1]), 500), _("random symmetric matrix with a clear eigenvalue gap")),
    ]


def test_power_iteration_symmetric(student):
    cases = _power_symmetric_cases() + [Case((np.array([[4, 1], [1, 2]]),), _("small symmetric integer matrix"))]
    check_function(student, ASSIGNMENT, "power_iteration", cases)


def test_power_iteration_nonsymmetric(student):
    rng = np.random.default_rng(1602)
    cases = [
        Case((rng.uniform(0.1, 1.0, size=(5, 5)),), _("non-symmetric matrix with positive entries")),
        Case((np.array([[2, 1, 0], [1, 3, 1], [0, 2, 4]]), 300), _("non-symmetric integer matrix")),
    ]
    check_function(student, ASSIGNMENT, "power_iteration", cases)


def test_power_iteration_negative_dominant(student):
    rng = np.random.default_rng(1603)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [-9.0, 4.0, 2.0, 1.0]),), _("symmetric matrix whose eigenvalue of largest magnitude is negative")),
    ]
    check_function(student, ASSIGNMENT, "power_iteration", cases)


def test_power_iteration_few_steps(student):
    rng = np.random.default_rng(1604)
    matrix = _symmetric_with_eigenvalues(rng, [5.0, 4.0, 1.0, 0.5])
    cases = [
        Case((matrix, 1), _("a single step (num_iters = 1)")),
        Case((matrix, 3), _("a few steps, before the iteration has converged")),
    ]
    check_function(student, ASSIGNMENT, "power_iteration", cases)


def test_power_iteration_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "power_iteration", _power_symmetric_cases())


# ---------------------------------------------------------------------------
# stationary_distribution
# ---------------------------------------------------------------------------


def _stationary_random_cases():
    rng = np.random.default_rng(1701)
    return [Case((_row_stochastic(rng.uniform(0.05, 1.0, size=(m, m))),), _("random dense transition matrix")) for m in (3, 5, 8)]


def test_stationary_distribution_random_chain(student):
    check_function(student, ASSIGNMENT, "stationary_distribution", _stationary_random_cases())


def test_stationary_distribution_sparse_chain(student):
    # A birth-death chain: from each state, move one state down, stay or move
    # one state up, with a drift upwards. Most transitions have probability 0.
    m = 6
    chain = np.zeros((m, m))
    for state in range(m):
        chain[state, max(state - 1, 0)] += 0.2
        chain[state, state] += 0.3
        chain[state, min(state + 1, m - 1)] += 0.5
    cases = [Case((chain,), _("sparse transition matrix with many zero probabilities"))]
    check_function(student, ASSIGNMENT, "stationary_distribution", cases)


def test_stationary_distribution_small_chain(student):
    cases = [
        Case((np.array([[0.9, 0.1], [0.3, 0.7]]),), _("two-state chain")),
        Case((np.array([[1]]),), _("one-state chain given as an integer matrix")),
    ]
    check_function(student, ASSIGNMENT, "stationary_distribution", cases)


def test_stationary_distribution_inputs_unchanged(student):
    check_inputs_unchanged(student, ASSIGNMENT, "stationary_distribution", _stationary_random_cases()[:2])
