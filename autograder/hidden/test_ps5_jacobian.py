"""Hidden tests of ps5_jacobian: Jacobians, quadratic forms, trace and the Hadamard product.

Every random generator has a fixed seed, so a submission always gets the
same score. Covariance matrices are well conditioned (condition number below
about 1e2), so solve, inv and Cholesky agree far inside the tolerance.
"""

import numpy as np

from autograder.catalogue.ps5_jacobian import RnnCase, jacobian_products
from autograder.harness import Case, ChildFunction, StudentCallError, check_function, check_inputs_unchanged
from autograder.i18n import translator

_ = translator("ps5_jacobian")

ASSIGNMENT = "ps5_jacobian"

# Vector functions for numerical_jacobian. Each has a component with a large
# second derivative next to the largest Jacobian entry (cos(10 x) near 0,
# log cosh(6 x) near 0), so a forward difference, whose error is eps / 2
# times the second derivative, misses the 1e-6 tolerance by a factor of 10 or
# more.
WAVE = ChildFunction('''
def wave(x):
    return np.array([np.cos(10.0 * x[0]) + x[1], x[0] * x[1], np.sin(x[1]) - x[0] ** 2])
''')

SQUARE_MAP = ChildFunction('''
def square_map(x):
    return np.array([np.cos(8.0 * x[0]) * np.exp(x[2]), x[0] + 2.0 * x[1] * x[2], np.cos(8.0 * x[1]) + x[0] * x[2]])
''')

LOG_COSH = ChildFunction('''
def log_cosh(x):
    return np.array([np.sum(np.log(np.cosh(6.0 * x))) + 0.1 * x[0] * x[-1]])
''')

CURVE = ChildFunction('''
def curve(x):
    return np.array([np.cos(10.0 * x[0]), x[0] ** 3 - x[0], 0.5 * np.exp(x[0])])
''')

POLYNOMIAL_MAP = ChildFunction('''
def polynomial_map(x):
    return np.array([x[0] ** 2 * x[1], np.sin(x[1]) + x[2], np.exp(0.1 * x[0] * x[2]), x[0] - x[1] * x[2]])
''')


def _rotation(rng, n):
    """Return a random orthogonal (n, n) matrix."""
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


def _covariance(rng, variances):
    """Return a symmetric positive definite matrix with these eigenvalues."""
    q = _rotation(rng, len(variances))
    return q @ np.diag(variances) @ q.T


# numerical_jacobian ---------------------------------------------------------


def test_numerical_jacobian_smooth_functions(student):
    cases = [
        Case((WAVE, np.array([0.01, 0.5])), _("smooth map from 2 to 3 variables")),
        Case((SQUARE_MAP, np.array([0.02, -0.01, 0.3])), _("smooth map from 3 to 3 variables with a non-symmetric Jacobian")),
        Case((WAVE, np.array([-0.015, -0.8])), _("smooth map from 2 to 3 variables")),
    ]
    check_function(student, ASSIGNMENT, "numerical_jacobian", cases)


def test_numerical_jacobian_one_input_or_output(student):
    cases = [
        Case((LOG_COSH, np.array([0.01, -0.02, 0.015, 0.005])), _("function with one output: the Jacobian is one row")),
        Case((CURVE, np.array([0.01])), _("function of one variable: the Jacobian is one column")),
    ]
    check_function(student, ASSIGNMENT, "numerical_jacobian", cases)


def test_numerical_jacobian_custom_step(student):
    cases = [Case((WAVE, np.array([0.12, 0.5]), 1e-3), _("step eps given by the caller"))]
    check_function(student, ASSIGNMENT, "numerical_jacobian", cases)


def test_numerical_jacobian_integer_point(student):
    cases = [Case((POLYNOMIAL_MAP, np.array([1, -2, 3])), _("integer point x"))]
    check_function(student, ASSIGNMENT, "numerical_jacobian", cases)


def test_numerical_jacobian_inputs_unchanged(student):
    cases = [
        Case((SQUARE_MAP, np.array([0.02, -0.01, 0.3])), _("floating-point x")),
        Case((POLYNOMIAL_MAP, np.array([1, -2, 3])), _("integer point x")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "numerical_jacobian", cases)


# spectral_norm --------------------------------------------------------------


def test_spectral_norm_square_matrices(student):
    rng = np.random.default_rng(5201)
    symmetric = _covariance(rng, [-4.0, 1.5, 0.5])
    cases = [
        Case((rng.normal(size=(4, 4)),), _("random non-symmetric square matrix")),
        Case((symmetric,), _("symmetric matrix whose largest |eigenvalue| is negative")),
    ]
    check_function(student, ASSIGNMENT, "spectral_norm", cases)


def test_spectral_norm_rectangular_matrices(student):
    rng = np.random.default_rng(5202)
    cases = [
        Case((rng.normal(size=(6, 3)),), _("tall matrix")),
        Case((rng.normal(size=(2, 5)),), _("wide matrix")),
        Case((np.outer(rng.normal(size=4), rng.normal(size=3)),), _("rank-one matrix")),
    ]
    check_function(student, ASSIGNMENT, "spectral_norm", cases)


def test_spectral_norm_integer_input(student):
    cases = [Case((np.array([[2, -1, 0], [3, 1, 4], [0, 2, -2]]),), _("integer matrix"))]
    check_function(student, ASSIGNMENT, "spectral_norm", cases)


def test_spectral_norm_inputs_unchanged(student):
    rng = np.random.default_rng(5203)
    cases = [Case((rng.normal(size=(3, 5)),), _("wide matrix"))]
    check_inputs_unchanged(student, ASSIGNMENT, "spectral_norm", cases)


# rnn_jacobian_norms ---------------------------------------------------------


def _recurrent_weights(rng, h, norm):
    """Return a random non-symmetric (h, h) matrix with spectral norm `norm`."""
    W = rng.normal(size=(h, h))
    return W * (norm / np.linalg.norm(W, 2))


def _with_own_norm(student, args, description):
    """Build a case that also accepts norms computed with the student's own spectral_norm."""
    own = []
    try:
        for product in jacobian_products(*args):
            own.append(float(student.call("spectral_norm", (product,)).value))
    except (StudentCallError, TypeError, ValueError):
        # No usable spectral_norm: only the reference norms count.
        return RnnCase(args, description, None)
    return RnnCase(args, description, np.array(own))


def _check_rnn(student, cases):
    cases = [_with_own_norm(student, case.args, case.description) for case in cases]
    check_function(student, ASSIGNMENT, "rnn_jacobian_norms", cases)


def test_rnn_jacobian_norms_vanishing(student):
    rng = np.random.default_rng(5301)
    cases = [
        Case((_recurrent_weights(rng, 5, 0.9), rng.uniform(0.2, 1.0, size=(12, 5))), _("recurrent weights with spectral norm below 1: vanishing gradients")),
        Case((_recurrent_weights(rng, 3, 1.2), rng.uniform(0.1, 0.6, size=(8, 3))), _("small tanh derivatives: vanishing gradients")),
    ]
    _check_rnn(student, cases)


def test_rnn_jacobian_norms_exploding(student):
    rng = np.random.default_rng(5302)
    cases = [Case((_recurrent_weights(rng, 4, 2.5), rng.uniform(0.8, 1.0, size=(10, 4))), _("large recurrent weights: exploding gradients"))]
    _check_rnn(student, cases)


def test_rnn_jacobian_norms_short_sequences(student):
    rng = np.random.default_rng(5303)
    cases = [
        Case((_recurrent_weights(rng, 4, 1.5), rng.uniform(0.2, 1.0, size=(1, 4))), _("a single time step")),
        Case((np.array([[1.5]]), np.array([[0.5], [0.9], [0.2]])), _("hidden state of size 1")),
    ]
    _check_rnn(student, cases)


def test_rnn_jacobian_norms_integer_input(student):
    W = np.array([[1, -1, 0], [0, 1, 1], [1, 0, -1]])
    cases = [
        Case((W, np.array([[0.5, 0.25, 1.0], [1.0, 0.5, 0.5], [0.25, 1.0, 0.5], [0.5, 0.5, 0.25]])), _("integer recurrent weights")),
        Case((W, np.ones((3, 3), dtype=int)), _("integer recurrent weights, every tanh derivative 1")),
    ]
    _check_rnn(student, cases)


def test_rnn_jacobian_norms_inputs_unchanged(student):
    rng = np.random.default_rng(5304)
    cases = [Case((_recurrent_weights(rng, 3, 1.1), rng.uniform(0.2, 1.0, size=(5, 3))), _("random recurrent weights and tanh derivatives"))]
    check_inputs_unchanged(student, ASSIGNMENT, "rnn_jacobian_norms", cases)


# quadratic_form -------------------------------------------------------------


def test_quadratic_form_random_inputs(student):
    rng = np.random.default_rng(5401)
    cases = [
        Case((rng.normal(size=(4, 4)), rng.normal(size=4)), _("random non-symmetric matrix")),
        Case((_covariance(rng, [3.0, 1.0, 0.5]), rng.normal(size=3)), _("symmetric positive definite matrix")),
    ]
    check_function(student, ASSIGNMENT, "quadratic_form", cases)


def test_quadratic_form_edge_cases(student):
    cases = [
        Case((np.array([[2.5]]), np.array([-2.0])), _("matrix of size 1")),
        Case((np.array([[2, 3], [-1, 1]]), np.array([1, -2])), _("integer matrix and vector")),
    ]
    check_function(student, ASSIGNMENT, "quadratic_form", cases)


def test_quadratic_form_inputs_unchanged(student):
    rng = np.random.default_rng(5402)
    cases = [Case((rng.normal(size=(3, 3)), rng.normal(size=3)), _("random non-symmetric matrix"))]
    check_inputs_unchanged(student, ASSIGNMENT, "quadratic_form", cases)


# mahalanobis ----------------------------------------------------------------


def test_mahalanobis_random_inputs(student):
    rng = np.random.default_rng(5501)
    cases = []
    for variances in ([4.0, 1.0, 0.25], [2.0, 0.5, 1.5, 0.3]):
        d = len(variances)
        mean = rng.normal(size=d)
        cases.append(Case((mean + rng.normal(size=d), mean, _covariance(rng, variances)), _("random point, mean and covariance")))
    check_function(student, ASSIGNMENT, "mahalanobis", cases)


def test_mahalanobis_edge_cases(student):
    rng = np.random.default_rng(5502)
    cov = _covariance(rng, [3.0, 0.5])
    mean = np.array([1.0, -2.0])
    cases = [
        Case((mean.copy(), mean, cov), _("point equal to the mean: distance 0")),
        Case((np.array([3.5]), np.array([1.0]), np.array([[4.0]])), _("one dimension: the distance is |x - mean| / sigma")),
        Case((np.array([2.0, 0.5, 0.0]), np.array([0.5, 0.5, 0.5]), np.diag([4.0, 1.0, 0.25])), _("diagonal covariance")),
    ]
    check_function(student, ASSIGNMENT, "mahalanobis", cases)


def test_mahalanobis_integer_input(student):
    cases = [Case((np.array([3, -1]), np.array([1, 1]), np.array([[2, 1], [1, 3]])), _("integer point, mean and covariance"))]
    check_function(student, ASSIGNMENT, "mahalanobis", cases)


def test_mahalanobis_inputs_unchanged(student):
    rng = np.random.default_rng(5503)
    mean = rng.normal(size=3)
    cases = [Case((mean + rng.normal(size=3), mean, _covariance(rng, [2.0, 1.0, 0.4])), _("random point, mean and covariance"))]
    check_inputs_unchanged(student, ASSIGNMENT, "mahalanobis", cases)


# total_variance -------------------------------------------------------------


def test_total_variance_random_data(student):
    rng = np.random.default_rng(5601)
    cases = []
    for n, d in [(30, 3), (50, 5)]:
        X = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.uniform(-5.0, 5.0, size=d)
        cases.append(Case((X,), _("random data with non-zero column means")))
    check_function(student, ASSIGNMENT, "total_variance", cases)


def test_total_variance_shapes(student):
    rng = np.random.default_rng(5602)
    cases = [
        Case((rng.normal(size=(4, 7)) + 2.0,), _("fewer samples than features")),
        Case((rng.normal(size=(20, 1)) - 3.0,), _("a single feature")),
        Case((np.array([[1.0, 2.0, -1.0], [3.0, 0.0, 2.0]]),), _("two samples")),
    ]
    check_function(student, ASSIGNMENT, "total_variance", cases)


def test_total_variance_integer_input(student):
    cases = [Case((np.array([[1, 4], [2, 7], [5, 1], [4, 2], [3, 6]]),), _("integer data"))]
    check_function(student, ASSIGNMENT, "total_variance", cases)


def test_total_variance_inputs_unchanged(student):
    rng = np.random.default_rng(5603)
    cases = [Case((rng.normal(size=(10, 3)) + 1.0,), _("random data with non-zero column means"))]
    check_inputs_unchanged(student, ASSIGNMENT, "total_variance", cases)


# lstm_cell_state ------------------------------------------------------------


def _gates(rng, h):
    return rng.uniform(0.0, 1.0, size=h), rng.normal(size=h), rng.uniform(0.0, 1.0, size=h), rng.uniform(-1.0, 1.0, size=h)


def test_lstm_cell_state_random_gates(student):
    rng = np.random.default_rng(5701)
    cases = [
        Case(_gates(rng, 6), _("random gates and states")),
        Case(_gates(rng, 1), _("hidden state of size 1")),
    ]
    check_function(student, ASSIGNMENT, "lstm_cell_state", cases)


def test_lstm_cell_state_integer_input(student):
    cases = [Case((np.array([1, 0, 1, 1]), np.array([3, -2, 5, 1]), np.array([0, 1, 1, 0]), np.array([1, -1, 1, 1])), _("gates of 0s and 1s and integer states"))]
    check_function(student, ASSIGNMENT, "lstm_cell_state", cases)


def test_lstm_cell_state_inputs_unchanged(student):
    rng = np.random.default_rng(5702)
    cases = [Case(_gates(rng, 5), _("random gates and states"))]
    check_inputs_unchanged(student, ASSIGNMENT, "lstm_cell_state", cases)


# inverted_dropout -----------------------------------------------------------


def test_inverted_dropout_random_masks(student):
    rng = np.random.default_rng(5801)
    cases = []
    for shape, p in [((8,), 0.25), ((4, 6), 0.8)]:
        mask = (rng.uniform(size=shape) >= p).astype(float)
        cases.append(Case((rng.normal(size=shape), mask, p), _("random activations and mask")))
    check_function(student, ASSIGNMENT, "inverted_dropout", cases)


def test_inverted_dropout_edge_cases(student):
    rng = np.random.default_rng(5802)
    h = rng.normal(size=5)
    cases = [
        Case((h, np.ones(5), 0.0), _("drop probability 0: nothing is dropped")),
        Case((np.array([[2, -1, 4], [0, 3, -2]]), np.array([[1, 0, 1], [1, 1, 0]]), 0.4), _("integer activations and mask")),
    ]
    check_function(student, ASSIGNMENT, "inverted_dropout", cases)


def test_inverted_dropout_inputs_unchanged(student):
    rng = np.random.default_rng(5803)
    cases = [Case((rng.normal(size=(3, 4)), (rng.uniform(size=(3, 4)) >= 0.3).astype(float), 0.3), _("random activations and mask"))]
    check_inputs_unchanged(student, ASSIGNMENT, "inverted_dropout", cases)
