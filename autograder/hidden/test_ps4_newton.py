"""Hidden tests of ps4_newton: Taylor expansion, Newton's method and the Hessian.

Every random generator has a fixed seed, so a submission always gets the
same score. Hessians and linear systems are well conditioned (condition
number below about 1e2), so solve, inv, lstsq and pinv agree far inside the
tolerance.
"""

import numpy as np

from autograder.catalogue import get_spec
from autograder.checks import CheckFailure
from autograder.harness import (
    Case,
    ChildFunction,
    FunctionCheckFailed,
    StudentCallError,
    StudentRaised,
    check_function,
    check_inputs_unchanged,
    diagnose,
)
from autograder.i18n import translator

_ = translator("ps4_newton")

ASSIGNMENT = "ps4_newton"


def _rotation(rng, n):
    """Return a random orthogonal (n, n) matrix."""
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


def _symmetric_with_eigenvalues(rng, eigenvalues):
    q = _rotation(rng, len(eigenvalues))
    return q @ np.diag(eigenvalues) @ q.T


def _with_positive_diagonal(rng, eigenvalues):
    """Return a symmetric matrix with these eigenvalues whose diagonal entries are all positive."""
    for _attempt in range(1000):
        H = _symmetric_with_eigenvalues(rng, eigenvalues)
        if np.all(np.diag(H) > 0.05):
            return H
    raise RuntimeError("no rotation gave a positive diagonal")


# Smooth test functions for numerical_hessian. None is quadratic, so their
# third derivatives make forward differences miss the tolerance, and all are
# of moderate scale (|f| and the Hessian entries between about 0.1 and 1e3).
EXP_SIN = ChildFunction('''
def exp_sin(x):
    return np.exp(x[0] - 0.5 * x[1]) + np.sin(2.0 * x[0] * x[1]) + x[0] ** 2 * x[1]
''')

ROSENBROCK = ChildFunction('''
def rosenbrock(x):
    return (1.0 - x[0]) ** 2 + 100.0 * (x[1] - x[0] ** 2) ** 2
''')

LOG_SUM_EXP = ChildFunction('''
def log_sum_exp(x):
    A = np.array([[2.0, -1.0, 0.6, 0.0], [0.4, 2.0, -0.8, 1.2], [-1.4, 0.2, 2.0, -0.6], [1.0, 1.0, 1.0, 1.0]])
    return np.log(np.sum(np.exp(A @ x)))
''')

CUBIC_3D = ChildFunction('''
def cubic_3d(x):
    return x[0] ** 3 / 6.0 + x[0] ** 2 * x[1] + 0.5 * x[1] * x[2] ** 2 + x[0] * x[1] * x[2] - x[1] ** 3 / 3.0 + np.exp(x[2] / 2.0)
''')

QUADRATIC_3D = ChildFunction('''
def quadratic_3d(x):
    A = np.array([[4.0, 1.0, -2.0], [0.0, 3.0, 0.5], [1.0, -1.0, 2.0]])
    return 0.5 * x @ A @ x + np.array([0.5, -1.0, 0.25]) @ x
''')

SIN_ONE_D = ChildFunction('''
def sin_one_d(x):
    return np.sin(3.0 * x[0]) + x[0] ** 4 / 4.0
''')

# Gradient and Hessian pairs for newton_step and newton_minimize.
QUADRATIC_GRAD = ChildFunction('''
def quadratic_grad(x):
    A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, -1.0], [0.5, -1.0, 2.0]])
    return A @ x - np.array([1.0, -2.0, 3.0])
''')

QUADRATIC_HESS = ChildFunction('''
def quadratic_hess(x):
    return np.array([[4.0, 1.0, 0.5], [1.0, 3.0, -1.0], [0.5, -1.0, 2.0]])
''')

# f(x) = sum(exp(x)) + 0.5 x^T Q x - c^T x: strictly convex, not quadratic.
CONVEX_GRAD = ChildFunction('''
def convex_grad(x):
    Q = np.array([[2.0, 0.5, 0.0, 0.3], [0.5, 1.5, -0.4, 0.0], [0.0, -0.4, 1.0, 0.2], [0.3, 0.0, 0.2, 2.5]])
    c = np.array([1.0, 3.0, -2.0, 0.5])
    return np.exp(x) + Q @ x - c
''')

CONVEX_HESS = ChildFunction('''
def convex_hess(x):
    Q = np.array([[2.0, 0.5, 0.0, 0.3], [0.5, 1.5, -0.4, 0.0], [0.0, -0.4, 1.0, 0.2], [0.3, 0.0, 0.2, 2.5]])
    return np.diag(np.exp(x)) + Q
''')

# f(x) = sum(cosh(x)): minimum at 0, reached in several steps from far away.
COSH_GRAD = ChildFunction('''
def cosh_grad(x):
    return np.sinh(x)
''')

COSH_HESS = ChildFunction('''
def cosh_hess(x):
    return np.diag(np.cosh(x))
''')

# f(x) = x0^2 - x1^2 + x0 x1 + x0^3 / 3: its Hessian at the test points is indefinite.
SADDLE_GRAD = ChildFunction('''
def saddle_grad(x):
    return np.array([2.0 * x[0] + x[1] + x[0] ** 2, -2.0 * x[1] + x[0]])
''')

SADDLE_HESS = ChildFunction('''
def saddle_hess(x):
    return np.array([[2.0 + 2.0 * x[0], 1.0], [1.0, -2.0]])
''')


# taylor_second_order --------------------------------------------------------


def test_taylor_second_order_random_inputs(student):
    rng = np.random.default_rng(4101)
    cases = []
    for n in (2, 5):
        B = rng.normal(size=(n, n))
        cases.append(Case((float(rng.normal()), rng.normal(size=n), B + B.T, rng.normal(size=n)), _("random gradient, Hessian and step")))
    check_function(student, ASSIGNMENT, "taylor_second_order", cases)


def test_taylor_second_order_one_dimension(student):
    cases = [Case((2.5, np.array([-1.5]), np.array([[4.0]]), np.array([0.25])), _("function of one variable"))]
    check_function(student, ASSIGNMENT, "taylor_second_order", cases)


def test_taylor_second_order_integer_input(student):
    g = np.array([1, -2, 3])
    H = np.array([[2, 1, 0], [1, 3, -1], [0, -1, 4]])
    dx = np.array([1, 1, -1])
    check_function(student, ASSIGNMENT, "taylor_second_order", [Case((3, g, H, dx), _("integer f0, gradient, Hessian and step"))])


def test_taylor_second_order_inputs_unchanged(student):
    rng = np.random.default_rng(4102)
    B = rng.normal(size=(3, 3))
    cases = [Case((1.0, rng.normal(size=3), B + B.T, rng.normal(size=3)), _("random gradient, Hessian and step"))]
    check_inputs_unchanged(student, ASSIGNMENT, "taylor_second_order", cases)


# numerical_hessian ----------------------------------------------------------


def test_numerical_hessian_smooth_functions(student):
    cases = [
        Case((EXP_SIN, np.array([0.4, -0.7])), _("smooth function of two variables")),
        Case((ROSENBROCK, np.array([1.1, 0.9])), _("Rosenbrock function near its minimum")),
        Case((LOG_SUM_EXP, np.array([0.3, -0.2, 0.5, 0.1])), _("log-sum-exp of a linear map, four variables")),
    ]
    check_function(student, ASSIGNMENT, "numerical_hessian", cases)


def test_numerical_hessian_mixed_partials(student):
    cases = [
        Case((CUBIC_3D, np.array([0.5, -0.8, 1.2])), _("cubic function with mixed terms")),
        Case((QUADRATIC_3D, np.array([0.2, -1.0, 0.7])), _("quadratic function with a non-symmetric matrix")),
    ]
    check_function(student, ASSIGNMENT, "numerical_hessian", cases)


def test_numerical_hessian_one_dimension(student):
    cases = [Case((SIN_ONE_D, np.array([0.6])), _("function of one variable"))]
    check_function(student, ASSIGNMENT, "numerical_hessian", cases)


def test_numerical_hessian_integer_point(student):
    cases = [Case((CUBIC_3D, np.array([1, -1, 2])), _("integer point x"))]
    check_function(student, ASSIGNMENT, "numerical_hessian", cases)


def test_numerical_hessian_inputs_unchanged(student):
    cases = [
        Case((EXP_SIN, np.array([0.4, -0.7])), _("floating-point x")),
        Case((CUBIC_3D, np.array([1, -1, 2])), _("integer point x")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "numerical_hessian", cases)


# newton_step ----------------------------------------------------------------


def test_newton_step_quadratic(student):
    cases = [
        Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([1.0, 2.0, -1.0])), _("quadratic function: one step reaches the minimum")),
        Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([-3.0, 0.5, 4.0])), _("quadratic function: one step reaches the minimum")),
    ]
    check_function(student, ASSIGNMENT, "newton_step", cases)


def test_newton_step_convex_function(student):
    cases = [
        Case((CONVEX_GRAD, CONVEX_HESS, np.array([0.5, -0.3, 1.0, 0.2])), _("strictly convex function that is not quadratic")),
        Case((COSH_GRAD, COSH_HESS, np.array([0.8, -1.5])), _("sum of cosh, Hessian diagonal")),
    ]
    check_function(student, ASSIGNMENT, "newton_step", cases)


def test_newton_step_indefinite_hessian(student):
    cases = [Case((SADDLE_GRAD, SADDLE_HESS, np.array([0.5, 1.5])), _("Hessian with a positive and a negative eigenvalue"))]
    check_function(student, ASSIGNMENT, "newton_step", cases)


def test_newton_step_integer_point(student):
    cases = [Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([2, -1, 3])), _("integer point x"))]
    check_function(student, ASSIGNMENT, "newton_step", cases)


def test_newton_step_inputs_unchanged(student):
    cases = [
        Case((CONVEX_GRAD, CONVEX_HESS, np.array([0.5, -0.3, 1.0, 0.2])), _("floating-point x")),
        Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([2, -1, 3])), _("integer point x")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "newton_step", cases)


# newton_minimize ------------------------------------------------------------


def test_newton_minimize_quadratic(student):
    cases = [Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([5.0, -4.0, 2.0])), _("quadratic function: exactly one step"))]
    check_function(student, ASSIGNMENT, "newton_minimize", cases)


def test_newton_minimize_convex_function(student):
    cases = [
        Case((CONVEX_GRAD, CONVEX_HESS, np.array([1.0, 1.0, 1.0, 1.0])), _("strictly convex function that is not quadratic")),
        Case((COSH_GRAD, COSH_HESS, np.array([0.9, -0.6]), 1e-4, 50), _("tolerance tol given by the caller")),
    ]
    check_function(student, ASSIGNMENT, "newton_minimize", cases)


def test_newton_minimize_max_iter(student):
    cases = [Case((COSH_GRAD, COSH_HESS, np.array([3.0, -2.5]), 1e-10, 3), _("max_iter reached before the tolerance"))]
    check_function(student, ASSIGNMENT, "newton_minimize", cases)


def test_newton_minimize_start_at_minimum(student):
    cases = [Case((COSH_GRAD, COSH_HESS, np.zeros(3)), _("starting point is already the minimum"))]
    check_function(student, ASSIGNMENT, "newton_minimize", cases)


def test_newton_minimize_inputs_unchanged(student):
    cases = [
        Case((CONVEX_GRAD, CONVEX_HESS, np.array([1.0, 1.0, 1.0, 1.0])), _("floating-point starting point")),
        Case((QUADRATIC_GRAD, QUADRATIC_HESS, np.array([2, -1, 3])), _("integer starting point")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "newton_minimize", cases)


# classify_critical_point ----------------------------------------------------


def test_classify_critical_point_definite(student):
    rng = np.random.default_rng(4141)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [3.0, 1.0, 0.5]),), _("positive definite Hessian")),
        Case((_symmetric_with_eigenvalues(rng, [-2.0, -0.3, -1.0, -4.0]),), _("negative definite Hessian")),
        Case((np.array([[2, -1], [-1, 2]]),), _("integer positive definite Hessian")),
    ]
    check_function(student, ASSIGNMENT, "classify_critical_point", cases)


def test_classify_critical_point_saddle(student):
    rng = np.random.default_rng(4142)
    cases = [
        Case((np.array([[1.0, 2.0], [2.0, 1.0]]),), _("indefinite Hessian with a positive diagonal")),
        Case((_symmetric_with_eigenvalues(rng, [3.0, -2.0, 1.0]),), _("indefinite Hessian")),
    ]
    check_function(student, ASSIGNMENT, "classify_critical_point", cases)


def test_classify_critical_point_zero_eigenvalues(student):
    rng = np.random.default_rng(4143)
    # Eigenvalues 2, -1, 0 with a positive diagonal: the mixed signs make a saddle.
    saddle_with_zero = _with_positive_diagonal(rng, [2.0, -1.0, 0.0])
    # Eigenvalues 3 and 1 in a rotated block, and -1e-10 along the last axis.
    nearly_zero = np.zeros((3, 3))
    nearly_zero[:2, :2] = _symmetric_with_eigenvalues(rng, [3.0, 1.0])
    nearly_zero[2, 2] = -1e-10
    cases = [
        Case((np.array([[2.0, 0.0], [0.0, 0.0]]),), _("positive semidefinite Hessian with an exact zero eigenvalue")),
        Case((saddle_with_zero,), _("Hessian with positive, negative and zero eigenvalues")),
        Case((nearly_zero,), _("Hessian with an eigenvalue inside the tolerance")),
    ]
    check_function(student, ASSIGNMENT, "classify_critical_point", cases)


def test_classify_critical_point_custom_tol(student):
    cases = [
        Case((np.diag([1.0, -1e-3]), 1e-2), _("tolerance tol given by the caller")),
        Case((np.diag([1.0, 2e-2]), 1e-2), _("tolerance tol given by the caller")),
    ]
    check_function(student, ASSIGNMENT, "classify_critical_point", cases)


def test_classify_critical_point_inputs_unchanged(student):
    rng = np.random.default_rng(4144)
    cases = [Case((_symmetric_with_eigenvalues(rng, [3.0, -2.0, 1.0]),), _("indefinite Hessian"))]
    check_inputs_unchanged(student, ASSIGNMENT, "classify_critical_point", cases)


# condition_number -----------------------------------------------------------


def test_condition_number_positive_definite(student):
    rng = np.random.default_rng(4151)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [10.0, 2.0, 0.5]),), _("positive definite matrix")),
        Case((np.array([[2, 1], [1, 2]]),), _("integer positive definite matrix")),
        Case((np.eye(4),), _("identity matrix")),
    ]
    check_function(student, ASSIGNMENT, "condition_number", cases)


def test_condition_number_indefinite(student):
    rng = np.random.default_rng(4152)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [4.0, -1.0, 0.5]),), _("indefinite symmetric matrix")),
        Case((np.array([[1, 3], [3, -2]]),), _("integer indefinite matrix")),
    ]
    check_function(student, ASSIGNMENT, "condition_number", cases)


def test_condition_number_singular(student):
    rng = np.random.default_rng(4153)
    cases = [
        Case((_symmetric_with_eigenvalues(rng, [3.0, 1.0, 0.0]),), _("singular matrix")),
        Case((np.array([[1, 2], [2, 4]]),), _("integer singular matrix")),
    ]
    check_function(student, ASSIGNMENT, "condition_number", cases)


def test_condition_number_inputs_unchanged(student):
    rng = np.random.default_rng(4154)
    cases = [Case((_symmetric_with_eigenvalues(rng, [4.0, -1.0, 0.5]),), _("indefinite symmetric matrix"))]
    check_inputs_unchanged(student, ASSIGNMENT, "condition_number", cases)


# xgb_grad_hess --------------------------------------------------------------


def test_xgb_grad_hess_squared(student):
    rng = np.random.default_rng(4161)
    cases = [
        Case((rng.normal(size=6), rng.normal(size=6), "squared"), _("squared loss, random targets and margins")),
        Case((np.array([3, -1, 0, 2]), np.array([1, 1, -2, 2]), "squared"), _("squared loss, integer targets and margins")),
    ]
    check_function(student, ASSIGNMENT, "xgb_grad_hess", cases)


def test_xgb_grad_hess_logistic(student):
    rng = np.random.default_rng(4162)
    cases = [
        Case((rng.integers(0, 2, size=8), 2.0 * rng.normal(size=8), "logistic"), _("logistic loss, moderate margins")),
        Case((np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.0, 0.0]), "logistic"), _("logistic loss, every margin zero")),
    ]
    check_function(student, ASSIGNMENT, "xgb_grad_hess", cases)


def test_xgb_grad_hess_logistic_extreme_margins(student):
    y = np.array([1, 0, 1, 0, 1, 0, 1, 0])
    margin = np.array([1000.0, 1000.0, -1000.0, -1000.0, 750.0, -750.0, 40.0, -40.0])
    cases = [Case((y, margin, "logistic"), _("logistic loss, extremely large positive and negative margins"))]
    check_function(student, ASSIGNMENT, "xgb_grad_hess", cases)


def test_xgb_grad_hess_unknown_loss(student):
    y = np.array([1.0, 0.0, 1.0])
    margin = np.array([0.5, -0.5, 2.0])
    spec = get_spec(ASSIGNMENT, "xgb_grad_hess")
    for loss in ("hinge", "absolute"):
        case = Case((y, margin, loss), _("a loss name other than \"squared\" and \"logistic\""))
        try:
            outcome = student.call("xgb_grad_hess", case.args)
        except StudentRaised as error:
            if error.exception_type == "ValueError":
                continue
            message = _("xgb_grad_hess raised {type} for the unknown loss {loss!r}; it must raise ValueError.").format(type=error.exception_type, loss=loss)
            raise FunctionCheckFailed("xgb_grad_hess", case, CheckFailure("kind", message), None) from None
        except StudentCallError as error:
            error.case = case
            raise
        message = _("xgb_grad_hess returned a value for the unknown loss {loss!r}; it must raise ValueError.").format(loss=loss)
        raise FunctionCheckFailed("xgb_grad_hess", case, CheckFailure("kind", message), diagnose(spec, outcome.value, None, case))


def test_xgb_grad_hess_inputs_unchanged(student):
    rng = np.random.default_rng(4163)
    cases = [
        Case((rng.normal(size=5), rng.normal(size=5), "squared"), _("squared loss, random targets and margins")),
        Case((rng.integers(0, 2, size=5), 3.0 * rng.normal(size=5), "logistic"), _("logistic loss, moderate margins")),
    ]
    check_inputs_unchanged(student, ASSIGNMENT, "xgb_grad_hess", cases)


# xgb_leaf_weight ------------------------------------------------------------


def test_xgb_leaf_weight_default_lambda(student):
    rng = np.random.default_rng(4171)
    cases = [Case((rng.normal(size=7), rng.uniform(0.1, 1.0, size=7)), _("random g and h, default reg_lambda"))]
    check_function(student, ASSIGNMENT, "xgb_leaf_weight", cases)


def test_xgb_leaf_weight_given_lambda(student):
    rng = np.random.default_rng(4172)
    g = rng.normal(size=5)
    h = rng.uniform(0.1, 1.0, size=5)
    cases = [
        Case((g, h, 5.0), _("large reg_lambda")),
        Case((g, h, 0.0), _("reg_lambda of zero: no regularisation")),
    ]
    check_function(student, ASSIGNMENT, "xgb_leaf_weight", cases)


def test_xgb_leaf_weight_integer_input(student):
    cases = [Case((np.array([2, -1, 4, 3]), np.array([2, 2, 2, 2]), 2), _("integer g, h and reg_lambda"))]
    check_function(student, ASSIGNMENT, "xgb_leaf_weight", cases)


def test_xgb_leaf_weight_inputs_unchanged(student):
    rng = np.random.default_rng(4173)
    cases = [Case((rng.normal(size=6), rng.uniform(0.1, 1.0, size=6), 1.0), _("random g and h"))]
    check_inputs_unchanged(student, ASSIGNMENT, "xgb_leaf_weight", cases)


# xgb_split_gain -------------------------------------------------------------


def _split(rng, n_left, n_right):
    return (rng.normal(size=n_left), rng.uniform(0.1, 1.0, size=n_left), rng.normal(size=n_right), rng.uniform(0.1, 1.0, size=n_right))


def test_xgb_split_gain_default_parameters(student):
    rng = np.random.default_rng(4181)
    cases = [
        Case(_split(rng, 5, 7), _("random split, default reg_lambda and gamma")),
        Case(_split(rng, 12, 3), _("random split, default reg_lambda and gamma")),
    ]
    check_function(student, ASSIGNMENT, "xgb_split_gain", cases)


def test_xgb_split_gain_lambda_and_gamma(student):
    rng = np.random.default_rng(4182)
    cases = [
        Case((*_split(rng, 6, 4), 2.0, 0.3), _("reg_lambda and gamma given by the caller")),
        Case((*_split(rng, 3, 8), 0.5, 1.5), _("reg_lambda and gamma given by the caller")),
    ]
    check_function(student, ASSIGNMENT, "xgb_split_gain", cases)


def test_xgb_split_gain_small_sides(student):
    cases = [
        Case((np.array([1.5]), np.array([0.5]), np.array([-2.0]), np.array([0.8])), _("one sample on each side")),
        Case((np.array([2, -1, 3]), np.array([1, 1, 2]), np.array([-4, 1]), np.array([2, 1]), 1, 0), _("integer g, h, reg_lambda and gamma")),
    ]
    check_function(student, ASSIGNMENT, "xgb_split_gain", cases)


def test_xgb_split_gain_inputs_unchanged(student):
    rng = np.random.default_rng(4183)
    cases = [Case((*_split(rng, 4, 5), 1.0, 0.2), _("reg_lambda and gamma given by the caller"))]
    check_inputs_unchanged(student, ASSIGNMENT, "xgb_split_gain", cases)
