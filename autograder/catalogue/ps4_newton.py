"""Comparison rules and known mistakes of ps4_newton: Taylor expansion, Newton's method and the Hessian.

Values are compared with the contract's relative tolerance of 1e-6, scaled to
the expected magnitude. `numerical_hessian` is held to the same 1e-6. On the
hidden tests' functions, central differences with the default step are
accurate to a few 1e-8 of the Hessian's largest entry, while forward
differences are off by 1e-5 to 1e-4 of it and fail (measured with NumPy 2 on
float64).
"""

from __future__ import annotations


import numpy as np

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake, matches as _matches
from autograder.i18n import N_, translator
from solutions import ps4_newton as ref

_ = translator("ps4_newton")

RTOL = 1e-6
LOSSES = ("squared", "logistic")


def _part(name: str, function: str) -> str:
    """Name one item of a function's returned tuple in messages."""
    return _("{name} of {function}").format(name=name, function=function)


# taylor_second_order --------------------------------------------------------


def compare_taylor_second_order(got, expected, case):
    checks.expect_scalar(got, expected, "taylor_second_order", rtol=RTOL)


def taylor_second_order_missing_half(f0, g, H, dx):
    dx = np.asarray(dx, dtype=float)
    return float(f0 + np.asarray(g, dtype=float) @ dx + dx @ np.asarray(H, dtype=float) @ dx)


def taylor_second_order_missing_f0(f0, g, H, dx):
    return ref.taylor_second_order(0.0, g, H, dx)


# numerical_hessian ----------------------------------------------------------


def compare_numerical_hessian(got, expected, case):
    hessian = checks.expect_array(got, expected, "numerical_hessian", rtol=RTOL)
    checks.expect_symmetric(hessian, "numerical_hessian", rtol=RTOL)


def _forward_hessians(f, x, eps):
    """Return the forward-difference Hessians students write, each of order-eps accuracy."""
    x = np.array(x, dtype=float)
    n = x.size
    unit = np.eye(n) * eps
    center = f(x)
    shifted = [f(x + unit[i]) for i in range(n)]
    both = np.array([[f(x + unit[i] + unit[j]) for j in range(n)] for i in range(n)])
    forward = (both - np.add.outer(shifted, shifted) + center) / eps**2

    central_diagonal = forward.copy()
    for i in range(n):
        central_diagonal[i, i] = (shifted[i] - 2.0 * center + f(x - unit[i])) / eps**2

    # A forward difference of the central-difference gradient: column i is
    # (grad(x + eps e_i) - grad(x)) / eps, which is not symmetric.
    base_gradient = _central_gradient(f, x, eps)
    gradient_steps = np.column_stack([(_central_gradient(f, x + unit[i], eps) - base_gradient) / eps for i in range(n)])
    return [forward, central_diagonal, gradient_steps, gradient_steps.T, 0.5 * (gradient_steps + gradient_steps.T)]


def _central_gradient(f, x, eps):
    """Central-difference gradient with step `eps`."""
    unit = np.eye(x.size) * eps
    return np.array([(f(x + step) - f(x - step)) / (2.0 * eps) for step in unit])


def _numerical_hessian_forward(got, expected, case):
    f, x, *rest = case.args
    eps = rest[0] if rest else 1e-4
    return any(_matches(compare_numerical_hessian, got, candidate, case) for candidate in _forward_hessians(f, x, eps))


def _numerical_hessian_integer_truncation(got, expected, case):
    """True when integer x gave a Hessian of zeros or of the size of 1 / eps^2.

    Adding eps to an entry of an integer copy truncates towards zero. A
    positive entry then stays where it is, and subtracting eps moves it down
    by 1. The differences are therefore 0 or differences of f at
    neighbouring integer points, divided by eps^2.
    """
    x = np.asarray(case.args[1])
    if x.dtype.kind not in "iu":
        return False
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    scale = float(np.max(np.abs(expected)))
    if array.shape != np.shape(expected) or not np.all(np.isfinite(array)):
        return False
    return bool(not array.any() or np.max(np.abs(array)) > 1e3 * scale)


def numerical_hessian_diagonal_only(f, x, eps=1e-4):
    return np.diag(np.diag(ref.numerical_hessian(f, x, eps)))


def _numerical_hessian_missing_factor_four(got, expected, case):
    """True when the off-diagonal entries are four times too large."""
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    if array.shape != expected.shape or array.ndim != 2 or array.shape[0] < 2:
        return False
    off_diagonal = ~np.eye(array.shape[0], dtype=bool)
    scale = float(np.max(np.abs(expected)))
    if float(np.max(np.abs(expected[off_diagonal]))) < 1e-3 * scale:
        return False
    return bool(np.allclose(array[off_diagonal], 4.0 * expected[off_diagonal], rtol=1e-4, atol=1e-6 * scale))


# newton_step ----------------------------------------------------------------


def compare_newton_step(got, expected, case):
    checks.expect_array(got, expected, "newton_step", rtol=RTOL)


def _newton_parts(grad, hess, x):
    x = np.array(x, dtype=float)
    return x, np.asarray(grad(x.copy()), dtype=float), np.asarray(hess(x.copy()), dtype=float)


def newton_step_wrong_sign(grad, hess, x):
    x, gradient, hessian = _newton_parts(grad, hess, x)
    return x + np.linalg.solve(hessian, gradient)


def newton_step_multiplies_by_hessian(grad, hess, x):
    x, gradient, hessian = _newton_parts(grad, hess, x)
    return x - hessian @ gradient


def newton_step_gradient_descent(grad, hess, x):
    x, gradient, _hessian = _newton_parts(grad, hess, x)
    return x - gradient


def newton_step_diagonal_hessian(grad, hess, x):
    x, gradient, hessian = _newton_parts(grad, hess, x)
    return x - gradient / np.diag(hessian)


def _newton_step_returns_step(got, expected, case):
    """True when the result is the step ``±H^{-1} grad`` rather than the new point."""
    x, gradient, hessian = _newton_parts(*case.args)
    step = np.linalg.solve(hessian, gradient)
    return any(_matches(compare_newton_step, got, candidate, case) for candidate in (-step, step))


# newton_minimize ------------------------------------------------------------


def compare_newton_minimize(got, expected, case):
    x, num_iters = checks.expect_tuple(got, 2, "newton_minimize")
    expected_x, expected_iters = expected
    checks.expect_array(x, expected_x, _part("x", "newton_minimize"), rtol=RTOL)
    # The number of steps is an integer, so it must match exactly.
    checks.expect_scalar(num_iters, expected_iters, _part("num_iters", "newton_minimize"), rtol=0.0, atol=0.0)


def newton_minimize_off_by_one(grad, hess, x0, tol=1e-10, max_iter=50):
    x, num_iters = ref.newton_minimize(grad, hess, x0, tol, max_iter)
    return x, num_iters + 1


def newton_minimize_ignores_tol(grad, hess, x0, tol=1e-10, max_iter=50):
    x = np.array(x0, dtype=float)
    for _step in range(max_iter):
        x = ref.newton_step(grad, hess, x)
    return x, max_iter


def newton_minimize_ignores_max_iter(grad, hess, x0, tol=1e-10, max_iter=50):
    # The cap only keeps the catalogue from looping forever on a case that
    # does not converge; the mistake itself has no limit.
    return ref.newton_minimize(grad, hess, x0, tol, max_iter=10_000)


def _newton_minimize_returns_only_x(got, expected, case):
    if isinstance(got, (tuple, list)):
        return False
    try:
        checks.expect_array(got, expected[0], "newton_minimize", rtol=RTOL)
    except checks.CheckFailure:
        return False
    return True


# classify_critical_point ----------------------------------------------------


def compare_classify_critical_point(got, expected, case):
    checks.expect_string(got, expected, "classify_critical_point")


def _classify(positive, negative):
    if positive.all():
        return "minimum"
    if negative.all():
        return "maximum"
    if positive.any() and negative.any():
        return "saddle"
    return "degenerate"


def classify_critical_point_diagonal_signs(H, tol=1e-8):
    diagonal = np.diag(np.asarray(H, dtype=float))
    return _classify(diagonal > tol, diagonal < -tol)


def classify_critical_point_ignores_tol(H, tol=1e-8):
    eigenvalues = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return _classify(eigenvalues > 0, eigenvalues < 0)


def classify_critical_point_semidefinite_as_extremum(H, tol=1e-8):
    eigenvalues = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    if (eigenvalues >= -tol).all():
        return "minimum"
    if (eigenvalues <= tol).all():
        return "maximum"
    return _classify(eigenvalues > tol, eigenvalues < -tol)


def classify_critical_point_zero_as_degenerate(H, tol=1e-8):
    eigenvalues = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    if (np.abs(eigenvalues) <= tol).any():
        return "degenerate"
    return _classify(eigenvalues > tol, eigenvalues < -tol)


def _classify_critical_point_label_spelling(got, expected, case):
    """True when the returned string names the right class in other words or case ("Minimum", "saddle point")."""
    if not isinstance(got, str):
        return False
    # Called only after the exact comparison failed, so `got` is not the plain label.
    words = got.strip().lower().rstrip(".").split()
    return expected in words


# condition_number -----------------------------------------------------------


def compare_condition_number(got, expected, case):
    """Compare the condition number; for a singular H accept inf or any value past rounding noise.

    ``numpy.linalg.cond`` divides by a smallest singular value that is zero
    only up to rounding, so for a singular H it may return about 1e16 instead
    of inf.  Both say "singular": any value of at least ``1 / (10 n eps)``
    is accepted there.
    """
    if np.isinf(expected):
        size = np.shape(case.args[0])[0]
        threshold = 1.0 / (10 * size * np.finfo(float).eps)
        value = checks.expect_scalar(got, expected, "condition_number", rtol=RTOL) if np.isinf(_as_float(got)) else _as_float(got)
        checks.expect_true(value >= threshold, _("condition_number: H is singular, so the condition number is inf (or, from rounding, a number of at least {threshold:.3g}); got {got:.6g}.").format(threshold=threshold, got=value), stage="values")
        return
    checks.expect_scalar(got, expected, "condition_number", rtol=RTOL)


def _as_float(value):
    """Return `value` as a float for a threshold test, or nan when it is not one number."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return float("nan")
    return float(array) if array.ndim == 0 and not isinstance(value, (bool, np.bool_, str)) else float("nan")


# The two mistakes below keep the singular case right, so that they are
# recognised by their values on non-singular matrices only.
def condition_number_signed_eigenvalues(H):
    if np.isinf(ref.condition_number(H)):
        return float("inf")
    eigenvalues = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return float(eigenvalues[-1] / eigenvalues[0])


def condition_number_frobenius(H):
    if np.isinf(ref.condition_number(H)):
        return float("inf")
    return float(np.linalg.cond(np.asarray(H, dtype=float), "fro"))


def condition_number_inverted(H):
    singular_values = np.linalg.svd(np.asarray(H, dtype=float), compute_uv=False)
    return float(singular_values[-1] / singular_values[0])


# xgb_grad_hess --------------------------------------------------------------


def compare_xgb_grad_hess(got, expected, case):
    g, h = checks.expect_tuple(got, 2, "xgb_grad_hess")
    expected_g, expected_h = expected
    checks.expect_array(g, expected_g, _part("g", "xgb_grad_hess"), rtol=RTOL)
    checks.expect_array(h, expected_h, _part("h", "xgb_grad_hess"), rtol=RTOL)


def _with_squared(replacement):
    """Build a mistake that changes only the squared loss and keeps the logistic loss right."""

    def mistake(y, margin, loss):
        if loss != "squared":
            return ref.xgb_grad_hess(y, margin, loss)
        return replacement(np.asarray(y, dtype=float), np.asarray(margin, dtype=float))

    return mistake


def _with_logistic(replacement):
    """Build a mistake that changes only the logistic loss and keeps the squared loss right."""

    def mistake(y, margin, loss):
        if loss != "logistic":
            return ref.xgb_grad_hess(y, margin, loss)
        return replacement(np.asarray(y, dtype=float), np.asarray(margin, dtype=float))

    return mistake


def _logistic_overflow(y, margin):
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.exp(margin) / (1.0 + np.exp(margin))
    return p - y, p * (1.0 - p)


def _logistic_hessian_uses_margin(y, margin):
    p = ref._sigmoid(margin)
    return p - y, p * (1.0 - margin)


def _xgb_unknown_loss_accepted(got, expected, case):
    """True when a value came back for a loss the function should reject."""
    return len(case.args) == 3 and case.args[2] not in LOSSES


# xgb_leaf_weight ------------------------------------------------------------


def compare_xgb_leaf_weight(got, expected, case):
    checks.expect_scalar(got, expected, "xgb_leaf_weight", rtol=RTOL)


def xgb_leaf_weight_missing_minus(g, h, reg_lambda=1.0):
    return -ref.xgb_leaf_weight(g, h, reg_lambda)


def xgb_leaf_weight_ignores_lambda(g, h, reg_lambda=1.0):
    return ref.xgb_leaf_weight(g, h, 0.0)


def xgb_leaf_weight_means(g, h, reg_lambda=1.0):
    return float(-np.mean(g) / (np.mean(h) + reg_lambda))


# xgb_split_gain -------------------------------------------------------------


def compare_xgb_split_gain(got, expected, case):
    checks.expect_scalar(got, expected, "xgb_split_gain", rtol=RTOL)


def xgb_split_gain_missing_half(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    return 2.0 * (ref.xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda, gamma) + gamma) - gamma


def xgb_split_gain_sum_of_squares(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    g_left = np.asarray(g_left, dtype=float)
    g_right = np.asarray(g_right, dtype=float)
    H_left, H_right = float(np.sum(h_left)), float(np.sum(h_right))
    left = np.sum(g_left**2) / (H_left + reg_lambda)
    right = np.sum(g_right**2) / (H_right + reg_lambda)
    parent = (np.sum(g_left**2) + np.sum(g_right**2)) / (H_left + H_right + reg_lambda)
    return float(0.5 * (left + right - parent) - gamma)


def xgb_split_gain_ignores_gamma(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    return ref.xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda, 0.0)


def xgb_split_gain_ignores_lambda(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    return ref.xgb_split_gain(g_left, h_left, g_right, h_right, 0.0, gamma)


FUNCTIONS = {
    "taylor_second_order": FunctionSpec(
        name="taylor_second_order",
        reference=ref.taylor_second_order,
        compare=compare_taylor_second_order,
        mistakes=[
            Mistake(
                id="taylor_second_order.missing_half",
                title=N_("Factor 1/2 missing in the quadratic term"),
                hint=N_("The second-order term of a Taylor expansion is 0.5 dx^T H dx, just as a one-variable expansion has f''(x) dx^2 / 2."),
                implementation=taylor_second_order_missing_half,
            ),
            Mistake(
                id="taylor_second_order.missing_f0",
                title=N_("The value f0 was left out"),
                hint=N_("The model predicts the function value itself, not only its change: start from f0."),
                implementation=taylor_second_order_missing_f0,
            ),
        ],
    ),
    "numerical_hessian": FunctionSpec(
        name="numerical_hessian",
        reference=ref.numerical_hessian,
        compare=compare_numerical_hessian,
        mistakes=[
            Mistake(
                id="numerical_hessian.forward_difference",
                title=N_("Forward differences instead of central differences"),
                hint=N_("Differences that step only to x + eps have an error of order eps, far above the required accuracy. Use points on both sides of x, such as x ± eps e_i ± eps e_j, so the error drops to order eps^2."),
                detect=_numerical_hessian_forward,
            ),
            Mistake(
                id="numerical_hessian.integer_truncation",
                title=N_("The step eps was lost on integer input"),
                hint=N_("A copy of an integer array stays an integer array, so x[i] += eps is truncated back to an integer. Convert x to float before adding steps."),
                detect=_numerical_hessian_integer_truncation,
            ),
            Mistake(
                id="numerical_hessian.diagonal_only",
                title=N_("Only the diagonal was computed"),
                hint=N_("The off-diagonal entries are the mixed second derivatives d^2f / dx_i dx_j; they need steps along two axes at once."),
                implementation=numerical_hessian_diagonal_only,
            ),
            Mistake(
                id="numerical_hessian.missing_factor_four",
                title=N_("Off-diagonal entries four times too large"),
                hint=N_("The four points x ± eps e_i ± eps e_j are 2 eps apart along each axis, so the mixed difference is divided by (2 eps)^2 = 4 eps^2."),
                detect=_numerical_hessian_missing_factor_four,
            ),
        ],
    ),
    "newton_step": FunctionSpec(
        name="newton_step",
        reference=ref.newton_step,
        compare=compare_newton_step,
        mistakes=[
            Mistake(
                id="newton_step.wrong_sign",
                title=N_("The step goes the wrong way"),
                hint=N_("Newton's method moves against the gradient: subtract H^{-1} grad(x) from x."),
                implementation=newton_step_wrong_sign,
            ),
            Mistake(
                id="newton_step.multiplies_by_hessian",
                title=N_("Multiplied by H instead of applying H^{-1}"),
                hint=N_("The step needs H^{-1} grad(x): solve the linear system H p = grad(x) with np.linalg.solve instead of computing H @ grad(x)."),
                implementation=newton_step_multiplies_by_hessian,
            ),
            Mistake(
                id="newton_step.gradient_descent",
                title=N_("A gradient descent step without the Hessian"),
                hint=N_("A Newton step scales the gradient by the inverse Hessian; call hess(x) and solve with it."),
                implementation=newton_step_gradient_descent,
            ),
            Mistake(
                id="newton_step.diagonal_hessian",
                title=N_("Divided by the diagonal of H only"),
                hint=N_("Dividing the gradient entry by entry by diag(H) ignores the off-diagonal curvature. Solve the full system H p = grad(x)."),
                implementation=newton_step_diagonal_hessian,
            ),
            Mistake(
                id="newton_step.returns_step",
                title=N_("Returned the step instead of the new point"),
                hint=N_("newton_step returns the new point x - H^{-1} grad(x), not only the step H^{-1} grad(x)."),
                detect=_newton_step_returns_step,
            ),
        ],
    ),
    "newton_minimize": FunctionSpec(
        name="newton_minimize",
        reference=ref.newton_minimize,
        compare=compare_newton_minimize,
        mistakes=[
            Mistake(
                id="newton_minimize.returns_only_x",
                title=N_("Returned only x"),
                hint=N_("Return the pair (x, num_iters)."),
                detect=_newton_minimize_returns_only_x,
            ),
            Mistake(
                id="newton_minimize.off_by_one",
                title=N_("num_iters is one too large"),
                hint=N_("num_iters counts the Newton steps taken: 0 when x0 already meets the tolerance and 1 for a quadratic. Check the gradient before each step and count only the steps."),
                implementation=newton_minimize_off_by_one,
            ),
            Mistake(
                id="newton_minimize.ignores_tol",
                title=N_("Always runs max_iter steps"),
                hint=N_("Stop as soon as the 2-norm of the gradient is below tol, before taking another step."),
                implementation=newton_minimize_ignores_tol,
            ),
            Mistake(
                id="newton_minimize.ignores_max_iter",
                title=N_("More than max_iter steps taken"),
                hint=N_("Stop after max_iter steps even when the gradient is still above tol."),
                implementation=newton_minimize_ignores_max_iter,
            ),
        ],
    ),
    "classify_critical_point": FunctionSpec(
        name="classify_critical_point",
        reference=ref.classify_critical_point,
        compare=compare_classify_critical_point,
        mistakes=[
            Mistake(
                id="classify_critical_point.label_spelling",
                title=N_("Right class, different spelling"),
                hint=N_("Return exactly one of the lowercase words \"minimum\", \"maximum\", \"saddle\" or \"degenerate\"."),
                detect=_classify_critical_point_label_spelling,
            ),
            Mistake(
                id="classify_critical_point.diagonal_signs",
                title=N_("Signs of the diagonal entries used instead of eigenvalues"),
                hint=N_("A matrix with a positive diagonal can still have negative eigenvalues. Classify from the eigenvalues of H (np.linalg.eigvalsh)."),
                implementation=classify_critical_point_diagonal_signs,
            ),
            Mistake(
                id="classify_critical_point.ignores_tol",
                title=N_("Eigenvalues compared with 0 instead of ±tol"),
                hint=N_("Eigenvalues between -tol and tol count as zero, because a computed zero eigenvalue is rarely exactly 0. Compare with tol and -tol, using the tol argument."),
                implementation=classify_critical_point_ignores_tol,
            ),
            Mistake(
                id="classify_critical_point.semidefinite_as_extremum",
                title=N_("A zero eigenvalue treated as positive or negative"),
                hint=N_("\"minimum\" needs every eigenvalue above tol; with an eigenvalue near zero the second derivatives cannot decide, so the answer is \"degenerate\"."),
                implementation=classify_critical_point_semidefinite_as_extremum,
            ),
            Mistake(
                id="classify_critical_point.zero_as_degenerate",
                title=N_("Zero eigenvalue reported as degenerate although the signs are mixed"),
                hint=N_("One eigenvalue above tol and one below -tol already make a saddle, whatever the other eigenvalues are. Check for a saddle before answering \"degenerate\"."),
                implementation=classify_critical_point_zero_as_degenerate,
            ),
        ],
    ),
    "condition_number": FunctionSpec(
        name="condition_number",
        reference=ref.condition_number,
        compare=compare_condition_number,
        mistakes=[
            Mistake(
                id="condition_number.signed_eigenvalues",
                title=N_("Ratio of signed eigenvalues"),
                hint=N_("The 2-norm condition number uses singular values, which are never negative: sigma_max / sigma_min. For a symmetric H these are the absolute values of the eigenvalues."),
                implementation=condition_number_signed_eigenvalues,
            ),
            Mistake(
                id="condition_number.frobenius",
                title=N_("Frobenius norm instead of the 2-norm"),
                hint=N_("The 2-norm condition number is sigma_max / sigma_min; ‖H‖_F ‖H^{-1}‖_F is a different, larger number."),
                implementation=condition_number_frobenius,
            ),
            Mistake(
                id="condition_number.inverted",
                title=N_("Ratio inverted"),
                hint=N_("Divide the largest singular value by the smallest, so the result is at least 1."),
                implementation=condition_number_inverted,
            ),
        ],
    ),
    "xgb_grad_hess": FunctionSpec(
        name="xgb_grad_hess",
        reference=ref.xgb_grad_hess,
        compare=compare_xgb_grad_hess,
        mistakes=[
            Mistake(
                id="xgb_grad_hess.unknown_loss_accepted",
                title=N_("Unknown loss accepted"),
                hint=N_("For any loss other than \"squared\" or \"logistic\", raise ValueError with a message that names the loss."),
                detect=_xgb_unknown_loss_accepted,
            ),
            Mistake(
                id="xgb_grad_hess.squared_wrong_sign",
                title=N_("Squared loss: gradient has the wrong sign"),
                hint=N_("The derivative with respect to margin of (y - margin)^2 is 2 (margin - y): the inner derivative is -1."),
                implementation=_with_squared(lambda y, margin: (2.0 * (y - margin), np.full(margin.shape, 2.0))),
            ),
            Mistake(
                id="xgb_grad_hess.squared_half_loss",
                title=N_("Squared loss: derivatives of half the loss"),
                hint=N_("Here L = (y - margin)^2 without the factor 1/2, so g = 2 (margin - y) and h = 2."),
                implementation=_with_squared(lambda y, margin: (margin - y, np.ones(margin.shape))),
            ),
            Mistake(
                id="xgb_grad_hess.hessian_scalar",
                title=N_("Squared loss: h returned as one number"),
                hint=N_("h has one entry per sample, shape (n,), even when every entry is 2: use np.full_like or multiply np.ones by 2."),
                implementation=_with_squared(lambda y, margin: (2.0 * (margin - y), 2.0)),
            ),
            Mistake(
                id="xgb_grad_hess.logistic_wrong_sign",
                title=N_("Logistic loss: gradient has the wrong sign"),
                hint=N_("For the log-loss the gradient with respect to margin is p - y, not y - p."),
                implementation=_with_logistic(lambda y, margin: (y - ref._sigmoid(margin), ref.xgb_grad_hess(y, margin, "logistic")[1])),
            ),
            Mistake(
                id="xgb_grad_hess.logistic_hessian_uses_margin",
                title=N_("Logistic loss: margin used in place of p in the Hessian"),
                hint=N_("The derivative of the sigmoid is p (1 - p) with p = sigmoid(margin); the raw margin does not appear in it."),
                implementation=_with_logistic(_logistic_hessian_uses_margin),
            ),
            Mistake(
                id="xgb_grad_hess.logistic_overflow",
                title=N_("Sigmoid overflows for large margins"),
                hint=N_("exp(margin) overflows to inf near margin = 710, and inf / inf is nan. Compute the sigmoid so that exp only ever gets a non-positive argument, for example with exp(-|margin|)."),
                implementation=_with_logistic(_logistic_overflow),
            ),
        ],
    ),
    "xgb_leaf_weight": FunctionSpec(
        name="xgb_leaf_weight",
        reference=ref.xgb_leaf_weight,
        compare=compare_xgb_leaf_weight,
        mistakes=[
            Mistake(
                id="xgb_leaf_weight.missing_minus",
                title=N_("Minus sign missing"),
                hint=N_("The optimal weight moves against the gradient: w = -G / (H + lambda)."),
                implementation=xgb_leaf_weight_missing_minus,
            ),
            Mistake(
                id="xgb_leaf_weight.ignores_lambda",
                title=N_("reg_lambda not added"),
                hint=N_("Add reg_lambda to the sum of h in the denominator; it shrinks the leaf weight towards 0."),
                implementation=xgb_leaf_weight_ignores_lambda,
            ),
            Mistake(
                id="xgb_leaf_weight.means",
                title=N_("Means instead of sums"),
                hint=N_("G and H are the sums of g and h over the samples in the leaf, not their means."),
                implementation=xgb_leaf_weight_means,
            ),
        ],
    ),
    "xgb_split_gain": FunctionSpec(
        name="xgb_split_gain",
        reference=ref.xgb_split_gain,
        compare=compare_xgb_split_gain,
        mistakes=[
            Mistake(
                id="xgb_split_gain.missing_half",
                title=N_("Factor 0.5 missing"),
                hint=N_("Multiply the bracket of the three scores by 0.5 before subtracting gamma."),
                implementation=xgb_split_gain_missing_half,
            ),
            Mistake(
                id="xgb_split_gain.sum_of_squares",
                title=N_("Sum of squares instead of square of the sum"),
                hint=N_("G is the sum of g over a side, and the score squares that sum: sum(g)**2, not sum(g**2)."),
                implementation=xgb_split_gain_sum_of_squares,
            ),
            Mistake(
                id="xgb_split_gain.ignores_gamma",
                title=N_("gamma not subtracted"),
                hint=N_("Subtract gamma, the cost of the extra leaf, from the gain."),
                implementation=xgb_split_gain_ignores_gamma,
            ),
            Mistake(
                id="xgb_split_gain.ignores_lambda",
                title=N_("reg_lambda missing in the denominators"),
                hint=N_("Each score is G^2 / (H + lambda): add reg_lambda to the sum of h in all three scores."),
                implementation=xgb_split_gain_ignores_lambda,
            ),
        ],
    ),
}
