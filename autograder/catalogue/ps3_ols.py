"""Comparison rules and known mistakes of ps3_ols: matrix calculus and OLS.

All results here are unique (no signs or bases to choose), so every
comparison is a staged `checks.expect_array` or `checks.expect_scalar` with
the contract's relative tolerance of 1e-6, scaled to the expected magnitude.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake, matches as _matches
from autograder.harness import Case
from autograder.i18n import N_
from solutions import ps3_ols as ref

RTOL = 1e-6

# A correct gradient gives a relative error of about 1e-10, which is rounding
# noise of the central differences and differs with the order of operations.
# Any value below this floor means "the gradient is right", so gradient_check
# results are compared with this absolute tolerance on top of RTOL.
GRADIENT_CHECK_ATOL = 1e-7


# grad_quadratic_form --------------------------------------------------------


def compare_grad_quadratic_form(got, expected, case):
    checks.expect_array(got, expected, "grad_quadratic_form", rtol=RTOL)


def grad_quadratic_form_two_a_x(A, x):
    A = np.asarray(A, dtype=float)
    return 2.0 * A @ np.asarray(x, dtype=float)


def _grad_quadratic_form_one_term(got, expected, case):
    A, x = (np.asarray(arg, dtype=float) for arg in case.args)
    return any(_matches(compare_grad_quadratic_form, got, candidate, case) for candidate in (A @ x, A.T @ x))


# grad_least_squares ---------------------------------------------------------


def compare_grad_least_squares(got, expected, case):
    checks.expect_array(got, expected, "grad_least_squares", rtol=RTOL)


def grad_least_squares_no_factor_two(A, x, b):
    return ref.grad_least_squares(A, x, b) / 2.0


def grad_least_squares_wrong_sign(A, x, b):
    return -ref.grad_least_squares(A, x, b)


# ols_closed_form ------------------------------------------------------------


def compare_ols_closed_form(got, expected, case):
    checks.expect_array(got, expected, "ols_closed_form", rtol=RTOL)


def ols_closed_form_adds_intercept(X, y):
    X = np.asarray(X, dtype=float)
    with_ones = np.column_stack([np.ones(X.shape[0]), X])
    return ref.ols_closed_form(with_ones, y)


def ols_closed_form_per_feature_slopes(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    return (X.T @ y) / np.sum(X * X, axis=0)


def ols_closed_form_forgot_y(X, y):
    X = np.asarray(X, dtype=float)
    return np.linalg.pinv(X.T @ X) @ X.T


def ols_closed_form_column_vector(X, y):
    return ref.ols_closed_form(X, y).reshape(-1, 1)


def _ols_closed_form_lstsq_tuple(got, expected, case):
    """True when the student returned the whole ``numpy.linalg.lstsq`` tuple."""
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        return False
    return _matches(compare_ols_closed_form, got[0], expected, case)


# ridge_closed_form ----------------------------------------------------------


def compare_ridge_closed_form(got, expected, case):
    checks.expect_array(got, expected, "ridge_closed_form", rtol=RTOL)


def ridge_closed_form_lambda_every_entry(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X + lam, X.T @ y)


def ridge_closed_form_intercept_unpenalised(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    penalty = lam * np.eye(X.shape[1])
    penalty[0, 0] = 0.0
    return np.linalg.solve(X.T @ X + penalty, X.T @ y)


def ridge_closed_form_no_penalty(X, y, lam):
    X = np.asarray(X, dtype=float)
    if X.shape[0] < X.shape[1]:
        raise ValueError("ordinary least squares has no unique solution for wide X")
    return ref.ols_closed_form(X, y)


# numerical_gradient ---------------------------------------------------------


def compare_numerical_gradient(got, expected, case):
    checks.expect_array(got, expected, "numerical_gradient", rtol=RTOL)


def numerical_gradient_forward_difference(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    base = f(x)
    gradient = np.zeros(x.size)
    for i in range(x.size):
        shifted = x.copy()
        shifted[i] += eps
        gradient[i] = (f(shifted) - base) / eps
    return gradient


def numerical_gradient_divides_by_eps(f, x, eps=1e-6):
    return 2.0 * ref.numerical_gradient(f, x, eps)


def _numerical_gradient_integer_truncation(got, expected, case):
    """True when integer x gave a gradient of zeros or of the size of 1 / eps.

    Adding eps to an entry of an integer copy truncates towards zero. A
    positive entry then stays where it is, and subtracting eps moves it
    down by 1. Each difference is therefore 0 or a difference of f at
    neighbouring integer points, divided by about eps.
    """
    x = np.asarray(case.args[1])
    if x.dtype.kind not in "iu":
        return False
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    if array.shape != np.shape(expected) or not np.all(np.isfinite(array)):
        return False
    return bool(not array.any() or np.max(np.abs(array)) > 1e3 * float(np.max(np.abs(expected))))


def numerical_gradient_integer_output(f, x, eps=1e-6):
    # np.zeros_like(x) is an integer array for integer x, so every entry
    # written into it is truncated towards zero.
    x = np.asarray(x)
    gradient = np.zeros_like(x)
    gradient[...] = ref.numerical_gradient(f, x, eps)
    return gradient


def numerical_gradient_ignores_eps(f, x, eps=1e-6):
    return ref.numerical_gradient(f, x, 1e-6)


# gradient_check -------------------------------------------------------------


@dataclass(frozen=True)
class GradientCheckCase(Case):
    """A gradient_check case that also carries the result built on the student's own numerical_gradient.

    gradient_check is defined through numerical_gradient, so a student who
    calls a wrong numerical_gradient would otherwise lose the points of
    gradient_check too. A result that is right for the student's own
    numerical gradient is accepted as well as the reference result.
    """

    expected_with_own_gradient: float | None = None
    """The relative error computed from the student's numerical_gradient, or None if it gave no usable array."""


def relative_gradient_error(analytic, numerical) -> float:
    """Return ``||g - g_num|| / (||g|| + ||g_num||)``, or 0.0 when both norms are zero."""
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.asarray(numerical, dtype=float)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numerical) / denominator)


def compare_gradient_check(got, expected, case):
    own = getattr(case, "expected_with_own_gradient", None)
    if own is not None and np.isfinite(own):
        try:
            checks.expect_scalar(got, own, "gradient_check", rtol=RTOL, atol=GRADIENT_CHECK_ATOL)
            return
        except checks.CheckFailure:
            pass
    checks.expect_scalar(got, expected, "gradient_check", rtol=RTOL, atol=GRADIENT_CHECK_ATOL)


def _gradient_pair(f, grad_f, x, eps):
    x = np.asarray(x, dtype=float)
    analytic = np.asarray(grad_f(x.copy()), dtype=float)
    return analytic, ref.numerical_gradient(f, x, eps)


def gradient_check_absolute_error(f, grad_f, x, eps=1e-6):
    analytic, numerical = _gradient_pair(f, grad_f, x, eps)
    return float(np.linalg.norm(analytic - numerical))


# The two denominators below keep the zero guard, so that a nan at a critical
# point is only ever reported as the missing guard.
def gradient_check_relative_to_analytic(f, grad_f, x, eps=1e-6):
    analytic, numerical = _gradient_pair(f, grad_f, x, eps)
    if not analytic.any() and not numerical.any():
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.linalg.norm(analytic - numerical) / np.linalg.norm(analytic))


def gradient_check_max_denominator(f, grad_f, x, eps=1e-6):
    analytic, numerical = _gradient_pair(f, grad_f, x, eps)
    if not analytic.any() and not numerical.any():
        return 0.0
    return float(np.linalg.norm(analytic - numerical) / max(np.linalg.norm(analytic), np.linalg.norm(numerical)))


def gradient_check_no_zero_guard(f, grad_f, x, eps=1e-6):
    analytic, numerical = _gradient_pair(f, grad_f, x, eps)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.linalg.norm(analytic - numerical) / (np.linalg.norm(analytic) + np.linalg.norm(numerical)))


FUNCTIONS = {
    "grad_quadratic_form": FunctionSpec(
        name="grad_quadratic_form",
        reference=ref.grad_quadratic_form,
        compare=compare_grad_quadratic_form,
        mistakes=[
            Mistake(
                id="grad_quadratic_form.assumes_symmetric",
                title=N_("Used 2Ax, which holds only for symmetric A"),
                hint=N_("A need not be symmetric here. Differentiate x^T A x with respect to both occurrences of x: one gives A x, the other A^T x."),
                implementation=grad_quadratic_form_two_a_x,
            ),
            Mistake(
                id="grad_quadratic_form.one_term",
                title=N_("Only one of the two terms of the gradient"),
                hint=N_("x appears twice in x^T A x, so the product rule gives two terms. Add the term from the other occurrence of x."),
                detect=_grad_quadratic_form_one_term,
            ),
        ],
    ),
    "grad_least_squares": FunctionSpec(
        name="grad_least_squares",
        reference=ref.grad_least_squares,
        compare=compare_grad_least_squares,
        mistakes=[
            Mistake(
                id="grad_least_squares.no_factor_two",
                title=N_("Factor 2 missing"),
                hint=N_("The derivative of a square brings down a factor 2; the loss here is ‖Ax - b‖^2, not half of it."),
                implementation=grad_least_squares_no_factor_two,
            ),
            Mistake(
                id="grad_least_squares.wrong_sign",
                title=N_("Gradient has the wrong sign"),
                hint=N_("Check the sign of the residual: with r = Ax - b the gradient is 2 A^T r; with r = b - Ax it needs a minus sign."),
                implementation=grad_least_squares_wrong_sign,
            ),
        ],
    ),
    "ols_closed_form": FunctionSpec(
        name="ols_closed_form",
        reference=ref.ols_closed_form,
        compare=compare_ols_closed_form,
        mistakes=[
            Mistake(
                id="ols_closed_form.adds_intercept",
                title=N_("Added an intercept column"),
                hint=N_("X already contains any intercept column it needs. Fit X as given, so the result has one coefficient per column of X."),
                implementation=ols_closed_form_adds_intercept,
            ),
            Mistake(
                id="ols_closed_form.lstsq_tuple",
                title=N_("Returned the whole result of numpy.linalg.lstsq"),
                hint=N_("numpy.linalg.lstsq returns four values (solution, residuals, rank, singular values). Return only the first one."),
                detect=_ols_closed_form_lstsq_tuple,
            ),
            Mistake(
                id="ols_closed_form.column_vector",
                title=N_("Coefficients returned as a column vector"),
                hint=N_("Return a 1-d array of shape (d,). Keep y one-dimensional, or flatten the result before returning it."),
                implementation=ols_closed_form_column_vector,
            ),
            Mistake(
                id="ols_closed_form.forgot_y",
                title=N_("The targets y were never used"),
                hint=N_("(X^T X)^{-1} X^T is only the matrix that maps y to the coefficients; apply it to y."),
                implementation=ols_closed_form_forgot_y,
            ),
            Mistake(
                id="ols_closed_form.per_feature_slopes",
                title=N_("Each coefficient fitted on its own"),
                hint=N_("Dividing X^T y by the squared column norms ignores how the columns correlate. Solve the full normal equations X^T X beta = X^T y."),
                implementation=ols_closed_form_per_feature_slopes,
            ),
        ],
    ),
    "ridge_closed_form": FunctionSpec(
        name="ridge_closed_form",
        reference=ref.ridge_closed_form,
        compare=compare_ridge_closed_form,
        mistakes=[
            Mistake(
                id="ridge_closed_form.lambda_every_entry",
                title=N_("lam added to every entry of X^T X"),
                hint=N_("X.T @ X + lam adds lam to all entries. The penalty adds lam only to the diagonal: use lam times the identity matrix."),
                implementation=ridge_closed_form_lambda_every_entry,
            ),
            Mistake(
                id="ridge_closed_form.intercept_unpenalised",
                title=N_("First coefficient left unpenalised"),
                hint=N_("In this exercise every coefficient is penalised, including the one of an intercept column: use the full identity matrix."),
                implementation=ridge_closed_form_intercept_unpenalised,
            ),
            Mistake(
                id="ridge_closed_form.no_penalty",
                title=N_("Penalty missing: this is the OLS solution"),
                hint=N_("Add lam I to X^T X before solving; lam is what makes ridge differ from OLS."),
                implementation=ridge_closed_form_no_penalty,
            ),
        ],
    ),
    "numerical_gradient": FunctionSpec(
        name="numerical_gradient",
        reference=ref.numerical_gradient,
        compare=compare_numerical_gradient,
        mistakes=[
            Mistake(
                id="numerical_gradient.forward_difference",
                title=N_("Forward difference instead of central difference"),
                hint=N_("(f(x + eps e_i) - f(x)) / eps has an error of order eps. Step to both sides: use f(x + eps e_i) and f(x - eps e_i) and divide by 2 eps."),
                implementation=numerical_gradient_forward_difference,
            ),
            Mistake(
                id="numerical_gradient.divides_by_eps",
                title=N_("Divided by eps instead of 2 eps"),
                hint=N_("The two evaluation points x + eps e_i and x - eps e_i are 2 eps apart, so divide the difference by 2 eps."),
                implementation=numerical_gradient_divides_by_eps,
            ),
            Mistake(
                id="numerical_gradient.integer_truncation",
                title=N_("The step eps was lost on integer input"),
                hint=N_("A copy of an integer array stays an integer array, so x[i] += eps is truncated back to an integer. Convert x to float before adding the step."),
                detect=_numerical_gradient_integer_truncation,
            ),
            Mistake(
                id="numerical_gradient.integer_output",
                title=N_("Result stored in an integer array"),
                hint=N_("np.zeros_like(x) has the dtype of x, so for integer x every derivative written into it is truncated. Create the result with a float dtype."),
                implementation=numerical_gradient_integer_output,
            ),
            Mistake(
                id="numerical_gradient.ignores_eps",
                title=N_("The eps argument is ignored"),
                hint=N_("Use the step eps that the caller passes instead of a fixed number."),
                implementation=numerical_gradient_ignores_eps,
            ),
        ],
    ),
    "gradient_check": FunctionSpec(
        name="gradient_check",
        reference=ref.gradient_check,
        compare=compare_gradient_check,
        mistakes=[
            Mistake(
                id="gradient_check.no_zero_guard",
                title=N_("Division by zero when both gradients are zero"),
                hint=N_("When ‖g‖ + ‖g_num‖ is 0, the relative error is defined as 0.0; check for this before dividing."),
                implementation=gradient_check_no_zero_guard,
            ),
            Mistake(
                id="gradient_check.absolute_error",
                title=N_("Absolute error instead of relative error"),
                hint=N_("Divide ‖g - g_num‖ by ‖g‖ + ‖g_num‖, so the result does not depend on the size of the gradient."),
                implementation=gradient_check_absolute_error,
            ),
            Mistake(
                id="gradient_check.relative_to_analytic",
                title=N_("Divided by ‖g‖ only"),
                hint=N_("The denominator is the sum of both norms, ‖g‖ + ‖g_num‖, not the norm of the analytic gradient alone."),
                implementation=gradient_check_relative_to_analytic,
            ),
            Mistake(
                id="gradient_check.max_denominator",
                title=N_("Divided by the larger norm instead of the sum"),
                hint=N_("The denominator is ‖g‖ + ‖g_num‖, the sum of both norms, not their maximum."),
                implementation=gradient_check_max_denominator,
            ),
        ],
    ),
}
