"""Hidden tests of ps3_ols: matrix calculus and OLS.

Every random generator has a fixed seed, so a submission always gets the
same score. The design matrices are well conditioned (condition number below
about 1e3), so the normal equations, lstsq, QR and pinv agree far inside the
tolerance and every accurate method passes.
"""

import numpy as np

from autograder.catalogue.ps3_ols import GradientCheckCase, relative_gradient_error
from autograder.harness import (
    Case,
    ChildFunction,
    StudentCallError,
    check_function,
    check_inputs_unchanged,
    check_result_property,
)
from autograder.i18n import translator

_ = translator("ps3_ols")

ASSIGNMENT = "ps3_ols"

# Test functions for numerical_gradient and gradient_check. Each is evaluated
# where its curvature is large next to its gradient, so a forward difference
# (error of order eps times the second derivative) misses the 1e-6 tolerance.
ROSENBROCK = ChildFunction('''
def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
''')

LOG_COSH = ChildFunction('''
def log_cosh(x):
    return np.sum(np.log(np.cosh(3.0 * x))) + 0.5 * x[0] * x[-1]
''')

CUBIC = ChildFunction('''
def cubic(x):
    return x[0] ** 3 - 3.0 * x[0]
''')

EXP_SUM = ChildFunction('''
def exp_sum(x):
    return np.sum(np.exp(2.0 * x)) + x @ x
''')

SIN_QUADRATIC = ChildFunction('''
def sin_quadratic(x):
    return np.sum(np.sin(x)) + 0.5 * x @ x
''')

# For gradient_check: a function whose curvature is small next to its
# gradient, so the result barely depends on how the numerical gradient is
# taken, with its correct gradient and three wrong ones.
SMOOTH_LINEAR = ChildFunction('''
def smooth_linear(x):
    c = np.arange(1, x.size + 1) * 1.5
    return c @ x + 0.05 * x @ x + 0.01 * np.sum(np.sin(x))
''')

SMOOTH_LINEAR_GRAD = ChildFunction('''
def smooth_linear_grad(x):
    c = np.arange(1, x.size + 1) * 1.5
    return c + 0.1 * x + 0.01 * np.cos(x)
''')

SMOOTH_LINEAR_GRAD_HALF = ChildFunction('''
def smooth_linear_grad_half(x):
    c = np.arange(1, x.size + 1) * 1.5
    return 0.5 * (c + 0.1 * x + 0.01 * np.cos(x))
''')

SMOOTH_LINEAR_GRAD_NEGATED = ChildFunction('''
def smooth_linear_grad_negated(x):
    c = np.arange(1, x.size + 1) * 1.5
    return -(c + 0.1 * x + 0.01 * np.cos(x))
''')

SMOOTH_LINEAR_GRAD_ZERO = ChildFunction('''
def smooth_linear_grad_zero(x):
    return np.zeros(x.size)
''')

# A constant function has a zero gradient by every method, forward
# differences included, so the zero-denominator case does not depend on how
# the student's numerical_gradient is written.
CONSTANT = ChildFunction('''
def constant(x):
    return 3.0
''')

CONSTANT_GRAD = ChildFunction('''
def constant_grad(x):
    return np.zeros(x.size)
''')


def _design_matrix(rng, n, d, intercept=True):
    """Return an (n, d) matrix of correlated features, with a first column of ones if `intercept`."""
    features = d - 1 if intercept else d
    mixing = np.eye(features) + 0.3 * rng.normal(size=(features, features))
    X = rng.normal(size=(n, features)) @ mixing + rng.uniform(-2.0, 2.0, size=features)
    if intercept:
        X = np.column_stack([np.ones(n), X])
    return X


def _targets(rng, X, noise=0.1):
    beta = rng.uniform(-3.0, 3.0, size=X.shape[1])
    return X @ beta + noise * rng.normal(size=X.shape[0])


# grad_quadratic_form --------------------------------------------------------


def test_grad_quadratic_form_nonsymmetric(student):
    rng = np.random.default_rng(3101)
    cases = []
    for n in (2, 4, 7):
        A = rng.normal(size=(n, n))
        x = rng.normal(size=n)
        cases.append(Case((A, x), _("random non-symmetric matrix A")))
    check_function(student, ASSIGNMENT, "grad_quadratic_form", cases)


def test_grad_quadratic_form_symmetric(student):
    rng = np.random.default_rng(3102)
    B = rng.normal(size=(5, 5))
    cases = [
        Case((B + B.T, rng.normal(size=5)), _("random symmetric matrix A")),
        Case((np.array([[3.0]]), np.array([-2.0])), _("matrix with a single entry")),
    ]
    check_function(student, ASSIGNMENT, "grad_quadratic_form", cases)


def test_grad_quadratic_form_integer_input(student):
    A = np.array([[2, -1, 0], [4, 3, 1], [0, -2, 5]])
    x = np.array([1, -2, 3])
    check_function(student, ASSIGNMENT, "grad_quadratic_form", [Case((A, x), _("integer matrix and integer vector"))])


def test_grad_quadratic_form_inputs_unchanged(student):
    rng = np.random.default_rng(3103)
    cases = [Case((rng.normal(size=(4, 4)), rng.normal(size=4)), _("random non-symmetric matrix A"))]
    check_inputs_unchanged(student, ASSIGNMENT, "grad_quadratic_form", cases)


# grad_least_squares ---------------------------------------------------------


def test_grad_least_squares_tall(student):
    rng = np.random.default_rng(3111)
    cases = []
    for m, n in ((6, 3), (20, 5)):
        cases.append(Case((rng.normal(size=(m, n)), rng.normal(size=n), rng.normal(size=m)), _("random tall matrix A")))
    check_function(student, ASSIGNMENT, "grad_least_squares", cases)


def test_grad_least_squares_square_and_wide(student):
    rng = np.random.default_rng(3112)
    cases = [
        Case((rng.normal(size=(4, 4)), rng.normal(size=4), rng.normal(size=4)), _("random square matrix A")),
        Case((rng.normal(size=(2, 5)), rng.normal(size=5), rng.normal(size=2)), _("random wide matrix A")),
    ]
    check_function(student, ASSIGNMENT, "grad_least_squares", cases)


def test_grad_least_squares_integer_input(student):
    A = np.array([[1, 2], [0, -1], [3, 1]])
    x = np.array([2, -1])
    b = np.array([1, 0, 4])
    check_function(student, ASSIGNMENT, "grad_least_squares", [Case((A, x, b), _("integer A, x and b"))])


def test_grad_least_squares_inputs_unchanged(student):
    rng = np.random.default_rng(3113)
    cases = [Case((rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=5)), _("random tall matrix A"))]
    check_inputs_unchanged(student, ASSIGNMENT, "grad_least_squares", cases)


# ols_closed_form ------------------------------------------------------------


def test_ols_closed_form_random_data(student):
    rng = np.random.default_rng(3121)
    cases = []
    for n, d in ((30, 3), (80, 5)):
        X = _design_matrix(rng, n, d)
        cases.append(Case((X, _targets(rng, X)), _("random data with an intercept column")))
    check_function(student, ASSIGNMENT, "ols_closed_form", cases)


def test_ols_closed_form_exact_fit(student):
    rng = np.random.default_rng(3122)
    X_square = _design_matrix(rng, 4, 4)
    X_tall = _design_matrix(rng, 12, 3, intercept=False)
    # The cases without an intercept column come first, so that a solution
    # which prepends a column of ones is recognised before it hits a singular
    # X^T X on the inputs that already have one.
    cases = [
        Case((X_tall, X_tall @ np.array([1.5, -2.0, 0.5])), _("y exactly linear in X, without noise")),
        Case((X_square, rng.normal(size=4)), _("square X: as many samples as coefficients")),
    ]
    check_function(student, ASSIGNMENT, "ols_closed_form", cases)


def test_ols_closed_form_single_column(student):
    rng = np.random.default_rng(3123)
    y = rng.normal(loc=4.0, size=15)
    x = rng.uniform(1.0, 3.0, size=(15, 1))
    cases = [
        Case((x, 2.5 * x[:, 0] + 0.1 * rng.normal(size=15)), _("one feature without intercept")),
        Case((np.ones((15, 1)), y), _("X is only the intercept column")),
    ]
    check_function(student, ASSIGNMENT, "ols_closed_form", cases)


def test_ols_closed_form_integer_input(student):
    X = np.array([[1, 0, 2], [1, 1, 0], [1, 2, 1], [1, 3, 5], [1, 4, 3], [1, 5, 4]])
    y = np.array([3, 2, 5, 12, 9, 13])
    check_function(student, ASSIGNMENT, "ols_closed_form", [Case((X, y), _("integer X and y"))])


def test_ols_closed_form_inputs_unchanged(student):
    rng = np.random.default_rng(3124)
    X = _design_matrix(rng, 20, 3)
    check_inputs_unchanged(student, ASSIGNMENT, "ols_closed_form", [Case((X, _targets(rng, X)), _("random data with an intercept column"))])


# ridge_closed_form ----------------------------------------------------------


def test_ridge_closed_form_random_data(student):
    rng = np.random.default_rng(3131)
    cases = []
    for n, d, lam in ((30, 3, 0.5), (60, 5, 4.0)):
        X = _design_matrix(rng, n, d)
        cases.append(Case((X, _targets(rng, X), lam), _("random data with an intercept column")))
    check_function(student, ASSIGNMENT, "ridge_closed_form", cases)


def test_ridge_closed_form_wide_data(student):
    rng = np.random.default_rng(3132)
    X = rng.normal(size=(4, 7))
    cases = [Case((X, rng.normal(size=4), 1.5), _("wide X: fewer samples than features"))]
    check_function(student, ASSIGNMENT, "ridge_closed_form", cases)


def test_ridge_closed_form_lambda_range(student):
    rng = np.random.default_rng(3133)
    X = _design_matrix(rng, 25, 4)
    y = _targets(rng, X)
    cases = [
        Case((X, y, 1e-3), _("very small penalty lam")),
        Case((X, y, 1e3), _("very large penalty lam")),
    ]
    check_function(student, ASSIGNMENT, "ridge_closed_form", cases)


def test_ridge_closed_form_integer_input(student):
    X = np.array([[1, 2, 0], [1, -1, 3], [1, 0, 1], [1, 4, -2], [1, 1, 1]])
    y = np.array([4, -2, 1, 7, 3])
    check_function(student, ASSIGNMENT, "ridge_closed_form", [Case((X, y, 2), _("integer X, y and lam"))])


def test_ridge_closed_form_inputs_unchanged(student):
    rng = np.random.default_rng(3134)
    X = _design_matrix(rng, 20, 3)
    check_inputs_unchanged(student, ASSIGNMENT, "ridge_closed_form", [Case((X, _targets(rng, X), 0.7), _("random data with an intercept column"))])


# numerical_gradient ---------------------------------------------------------


def test_numerical_gradient_smooth_functions(student):
    rng = np.random.default_rng(3141)
    cases = [
        Case((ROSENBROCK, 1.0 + 0.01 * rng.normal(size=2)), _("Rosenbrock function near its minimum")),
        Case((ROSENBROCK, 1.0 + 0.01 * rng.normal(size=4)), _("Rosenbrock function near its minimum")),
        Case((LOG_COSH, 0.05 * rng.normal(size=3)), _("smooth function with large curvature")),
    ]
    check_function(student, ASSIGNMENT, "numerical_gradient", cases)


def test_numerical_gradient_one_dimension(student):
    cases = [Case((CUBIC, np.array([1.02])), _("function of one variable"))]
    check_function(student, ASSIGNMENT, "numerical_gradient", cases)


def test_numerical_gradient_custom_step(student):
    rng = np.random.default_rng(3142)
    cases = [Case((EXP_SUM, rng.uniform(-0.5, 0.5, size=3), 1e-2), _("step eps given by the caller"))]
    check_function(student, ASSIGNMENT, "numerical_gradient", cases)


def test_numerical_gradient_integer_point(student):
    cases = [Case((SIN_QUADRATIC, np.array([1, -2, 3])), _("integer point x"))]
    check_function(student, ASSIGNMENT, "numerical_gradient", cases)


def test_numerical_gradient_inputs_unchanged(student):
    cases = [
        Case((SIN_QUADRATIC, np.array([0.5, -1.0, 2.0])), _("floating-point x")),
        Case((SIN_QUADRATIC, np.array([1, -2, 3])), _("integer point x")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "numerical_gradient", cases)


# gradient_check -------------------------------------------------------------


def _with_own_gradient(student, args, description):
    """Build a gradient_check case that also accepts the result of the student's own numerical_gradient."""
    f, grad_f, x, *rest = args
    eps = rest[0] if rest else 1e-6
    try:
        outcome = student.call("numerical_gradient", (f, x, eps))
        own = relative_gradient_error(grad_f(np.asarray(x, dtype=float)), outcome.value)
    except (StudentCallError, TypeError, ValueError):
        # No usable numerical_gradient: only the reference result counts.
        own = None
    return GradientCheckCase(args, description, own)


def _check_gradient_check(student, cases):
    cases = [_with_own_gradient(student, case.args, case.description) for case in cases]
    check_function(student, ASSIGNMENT, "gradient_check", cases)


def _is_large_error(value) -> bool:
    # Above 0.1 rather than near 1, so a check with another denominator (or none) still passes.
    number = float(value)
    return bool(np.isfinite(number)) and number > 0.1


def _check_reports_large_error(student, case):
    """Fail unless gradient_check reports a large error for a wrong gradient, as `return 0` would not."""
    message = _("gradient_check returned {value} for a wrong analytic gradient, where the relative error is large. A check that reports a small error for every gradient cannot tell a right gradient from a wrong one, so these points need both.")
    check_result_property(student, "gradient_check", case, _is_large_error, message)


def test_gradient_check_correct_gradient(student):
    rng = np.random.default_rng(3151)
    cases = [
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD, rng.normal(size=3)), _("correct analytic gradient")),
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD, rng.normal(size=5), 1e-5), _("correct analytic gradient, step eps given by the caller")),
    ]
    _check_gradient_check(student, cases)
    _check_reports_large_error(student, Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD_NEGATED, rng.normal(size=3)), _("analytic gradient with the wrong sign")))


def test_gradient_check_wrong_gradient(student):
    rng = np.random.default_rng(3152)
    x = rng.normal(size=3)
    cases = [
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD_HALF, x), _("analytic gradient half as large as the true one")),
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD_NEGATED, x), _("analytic gradient with the wrong sign")),
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD_ZERO, x), _("analytic gradient that is always zero")),
    ]
    _check_gradient_check(student, cases)


def test_gradient_check_zero_gradient(student):
    cases = [Case((CONSTANT, CONSTANT_GRAD, np.array([0.5, -1.0, 2.0])), _("constant function: both gradients are zero"))]
    _check_gradient_check(student, cases)
    _check_reports_large_error(student, Case((CONSTANT, SMOOTH_LINEAR_GRAD, np.array([0.5, -1.0, 2.0])), _("constant function with a nonzero analytic gradient")))


def test_gradient_check_integer_point(student):
    cases = [Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD_HALF, np.array([1, 0, -2])), _("integer point x"))]
    _check_gradient_check(student, cases)


def test_gradient_check_inputs_unchanged(student):
    cases = [
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD, np.array([0.3, -1.2, 2.0])), _("floating-point x")),
        Case((SMOOTH_LINEAR, SMOOTH_LINEAR_GRAD, np.array([1, 0, -2])), _("integer point x")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "gradient_check", cases)
