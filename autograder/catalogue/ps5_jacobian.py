"""Comparison rules and known mistakes of ps5_jacobian: Jacobians, quadratic forms, trace and the Hadamard product.

Values are compared with the contract's relative tolerance of 1e-6, scaled to
the expected magnitude, and `numerical_jacobian` is held to the same 1e-6.
On the hidden tests' functions, central differences with the default step
are accurate to about 1e-10 of the Jacobian's largest entry. Forward
differences are off by more than ten times the tolerance (measured with
NumPy 2 on float64). The norms of `rnn_jacobian_norms` shrink or grow
geometrically, so each entry is also held to 1e-6 of its own size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake, matches as _matches
from autograder.harness import Case
from autograder.i18n import N_, translator
from solutions import ps5_jacobian as ref

_ = translator("ps5_jacobian")

RTOL = 1e-6


def _as_float_array(got: Any) -> np.ndarray | None:
    """Return `got` as a finite float array, or None when it is not one."""
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    if not np.all(np.isfinite(array)):
        return None
    return array


# numerical_jacobian ---------------------------------------------------------


def compare_numerical_jacobian(got, expected, case):
    checks.expect_array(got, expected, "numerical_jacobian", rtol=RTOL)


def numerical_jacobian_transposed(f, x, eps=1e-6):
    return ref.numerical_jacobian(f, x, eps).T


def _one_sided_jacobians(f, x, eps):
    """Return the forward-difference and the backward-difference Jacobians, each of order-eps accuracy."""
    x = np.array(x, dtype=float)
    center = np.asarray(f(x), dtype=float)
    steps = np.eye(x.size) * eps
    forward = np.column_stack([(np.asarray(f(x + step), dtype=float) - center) / eps for step in steps])
    backward = np.column_stack([(center - np.asarray(f(x - step), dtype=float)) / eps for step in steps])
    return [forward, backward]


def _numerical_jacobian_one_sided(got, expected, case):
    f, x, *rest = case.args
    eps = rest[0] if rest else 1e-6
    return any(_matches(compare_numerical_jacobian, got, candidate, case) for candidate in _one_sided_jacobians(f, x, eps))


def _numerical_jacobian_integer_truncation(got, expected, case):
    """True when integer x gave a Jacobian of zeros or of the size of 1 / eps.

    Adding eps to an entry of an integer copy truncates towards zero. A
    positive entry then stays where it is, and subtracting eps moves it down
    by 1. Each difference is therefore 0 or a difference of f at
    neighbouring integer points, divided by about eps.
    """
    x = np.asarray(case.args[1])
    if x.dtype.kind not in "iu":
        return False
    array = _as_float_array(got)
    if array is None or array.shape != np.shape(expected):
        return False
    return bool(not array.any() or np.max(np.abs(array)) > 1e3 * float(np.max(np.abs(expected))))


def numerical_jacobian_divides_by_eps(f, x, eps=1e-6):
    return 2.0 * ref.numerical_jacobian(f, x, eps)


def numerical_jacobian_ignores_eps(f, x, eps=1e-6):
    return ref.numerical_jacobian(f, x, 1e-6)


# spectral_norm --------------------------------------------------------------


def compare_spectral_norm(got, expected, case):
    checks.expect_scalar(got, expected, "spectral_norm", rtol=RTOL)


def spectral_norm_frobenius(M):
    return float(np.linalg.norm(np.asarray(M, dtype=float)))


def spectral_norm_largest_abs_eigenvalue(M):
    # np.linalg.eigvals raises for a non-square M, so this mistake only applies to square input.
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(M, dtype=float)))))


def spectral_norm_squared(M):
    return ref.spectral_norm(M) ** 2


def spectral_norm_smallest_singular_value(M):
    return float(np.linalg.svd(np.asarray(M, dtype=float), compute_uv=False)[-1])


# rnn_jacobian_norms ---------------------------------------------------------


@dataclass(frozen=True)
class RnnCase(Case):
    """An rnn_jacobian_norms case that also carries the norms from the student's own spectral_norm.

    The contract defines each entry as the spectral norm of a product, so a
    student may call their own spectral_norm. A wrong spectral_norm already
    loses its own points; norms that are right for the student's
    spectral_norm are accepted here as well as the reference norms.
    """

    expected_with_own_norm: Any = None
    """spectral_norm of the student applied to the reference products, or None if it gave no usable numbers."""


def jacobian_products(W_hh, tanh_derivs) -> list[np.ndarray]:
    """Return the products ``P_1, ..., P_T`` of the step Jacobians, latest step on the left."""
    W_hh = np.asarray(W_hh, dtype=float)
    product = np.eye(W_hh.shape[0])
    products = []
    for derivs in np.asarray(tanh_derivs, dtype=float):
        product = (derivs[:, np.newaxis] * W_hh) @ product
        products.append(product)
    return products


def _check_norms(got, expected):
    """Compare the norms entry by entry, each to RTOL of its own size."""
    norms = checks.expect_array(got, expected, "rnn_jacobian_norms", rtol=RTOL)
    expected = np.asarray(expected, dtype=float)
    allowed = RTOL * np.abs(expected) + 1e-300
    wrong = np.flatnonzero(np.abs(norms - expected) > allowed)
    if wrong.size:
        t = int(wrong[0])
        message = _("rnn_jacobian_norms: entry {index} is {got:.6g}, expected {expected:.6g}. Each norm must be accurate to a relative {rtol:g} of its own size, however small it is.").format(index=t, got=float(norms[t]), expected=float(expected[t]), rtol=RTOL)
        raise checks.CheckFailure("values", message)


def compare_rnn_jacobian_norms(got, expected, case):
    own = getattr(case, "expected_with_own_norm", None)
    if own is not None:
        try:
            _check_norms(got, own)
            return
        except checks.CheckFailure:
            pass
    _check_norms(got, expected)


def rnn_jacobian_norms_wrong_order(W_hh, tanh_derivs):
    W_hh = np.asarray(W_hh, dtype=float)
    product = np.eye(W_hh.shape[0])
    norms = []
    for derivs in np.asarray(tanh_derivs, dtype=float):
        product = product @ (derivs[:, np.newaxis] * W_hh)
        norms.append(ref.spectral_norm(product))
    return np.array(norms)


def rnn_jacobian_norms_starts_from_identity(W_hh, tanh_derivs):
    products = jacobian_products(W_hh, tanh_derivs)
    return np.array([1.0] + [ref.spectral_norm(product) for product in products[:-1]])


def _rnn_jacobian_norms_extra_identity_entry(got, expected, case):
    """True when the result has T + 1 entries: ``||P_0|| = 1`` followed by the right norms."""
    array = _as_float_array(got)
    expected = np.asarray(expected, dtype=float)
    if array is None or array.shape != (expected.size + 1,):
        return False
    return _matches(compare_rnn_jacobian_norms, array, np.concatenate([[1.0], expected]), Case(case.args, case.description))


def rnn_jacobian_norms_diagonal_on_right(W_hh, tanh_derivs):
    W_hh = np.asarray(W_hh, dtype=float)
    product = np.eye(W_hh.shape[0])
    norms = []
    for derivs in np.asarray(tanh_derivs, dtype=float):
        product = (W_hh * derivs) @ product
        norms.append(ref.spectral_norm(product))
    return np.array(norms)


def rnn_jacobian_norms_frobenius(W_hh, tanh_derivs):
    return np.array([np.linalg.norm(product) for product in jacobian_products(W_hh, tanh_derivs)])


def rnn_jacobian_norms_single_step(W_hh, tanh_derivs):
    W_hh = np.asarray(W_hh, dtype=float)
    return np.array([ref.spectral_norm(derivs[:, np.newaxis] * W_hh) for derivs in np.asarray(tanh_derivs, dtype=float)])


# quadratic_form -------------------------------------------------------------


def compare_quadratic_form(got, expected, case):
    """Compare the scalar, with an absolute floor at the rounding error of the sum ``sum_ij x_i A_ij x_j``.

    For an indefinite A the terms can cancel, so the error of a correct
    result is relative to ``|x|^T |A| |x|`` rather than to the value.
    """
    A = np.abs(np.asarray(case.args[0], dtype=float))
    x = np.abs(np.asarray(case.args[1], dtype=float))
    checks.expect_scalar(got, expected, "quadratic_form", rtol=RTOL, atol=1e-10 * float(x @ A @ x))


def quadratic_form_elementwise(A, x):
    A = np.asarray(A, dtype=float)
    x = np.asarray(x, dtype=float)
    return float(np.sum(x * A * x))


def _quadratic_form_vector(got, candidates) -> bool:
    array = _as_float_array(got)
    if array is None or array.ndim != 1:
        return False
    for candidate in candidates:
        if array.shape == candidate.shape and np.allclose(array, candidate, rtol=RTOL, atol=RTOL * float(np.max(np.abs(candidate), initial=0.0))):
            return True
    return False


def _quadratic_form_returns_vector(got, expected, case):
    """True when the result is ``A x`` or ``x^T A``: one product too few."""
    A = np.asarray(case.args[0], dtype=float)
    x = np.asarray(case.args[1], dtype=float)
    return _quadratic_form_vector(got, [A @ x, x @ A])


def _quadratic_form_returns_gradient(got, expected, case):
    """True when the result is the gradient ``(A + A^T) x``."""
    A = np.asarray(case.args[0], dtype=float)
    x = np.asarray(case.args[1], dtype=float)
    return _quadratic_form_vector(got, [(A + A.T) @ x])


# mahalanobis ----------------------------------------------------------------


def compare_mahalanobis(got, expected, case):
    checks.expect_scalar(got, expected, "mahalanobis", rtol=RTOL)


def _difference(x, mean):
    return np.asarray(x, dtype=float) - np.asarray(mean, dtype=float)


def mahalanobis_squared(x, mean, cov):
    difference = _difference(x, mean)
    return float(difference @ np.linalg.solve(np.asarray(cov, dtype=float), difference))


def mahalanobis_cov_not_inverted(x, mean, cov):
    difference = _difference(x, mean)
    return float(np.sqrt(difference @ np.asarray(cov, dtype=float) @ difference))


def mahalanobis_euclidean(x, mean, cov):
    return float(np.linalg.norm(_difference(x, mean)))


# total_variance -------------------------------------------------------------


def compare_total_variance(got, expected, case):
    checks.expect_scalar(got, expected, "total_variance", rtol=RTOL)


def total_variance_divides_by_n(X):
    X = np.asarray(X, dtype=float)
    return ref.total_variance(X) * (X.shape[0] - 1) / X.shape[0]


def total_variance_not_centred(X):
    X = np.asarray(X, dtype=float)
    return float(np.sum(X**2) / (X.shape[0] - 1))


def total_variance_rows_as_variables(X):
    # np.cov treats each row as a variable unless rowvar=False is given.
    return float(np.trace(np.cov(np.asarray(X, dtype=float))))


# lstm_cell_state ------------------------------------------------------------


def compare_lstm_cell_state(got, expected, case):
    checks.expect_array(got, expected, "lstm_cell_state", rtol=RTOL)


def lstm_cell_state_matrix_product(f, c_prev, i, c_tilde):
    f, c_prev, i, c_tilde = (np.asarray(a, dtype=float) for a in (f, c_prev, i, c_tilde))
    return f @ c_prev + i @ c_tilde


def lstm_cell_state_gates_swapped(f, c_prev, i, c_tilde):
    return ref.lstm_cell_state(f, c_tilde, i, c_prev)


def lstm_cell_state_missing_forget_gate(f, c_prev, i, c_tilde):
    return ref.lstm_cell_state(np.ones(np.shape(f)), c_prev, i, c_tilde)


# inverted_dropout -----------------------------------------------------------


def compare_inverted_dropout(got, expected, case):
    checks.expect_array(got, expected, "inverted_dropout", rtol=RTOL)


def inverted_dropout_scaled_by_p(h, mask, p):
    # With p = 0 this mistake divides by zero; inf and nan simply fail to match.
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(h, dtype=float) * np.asarray(mask, dtype=float) / p


def inverted_dropout_not_scaled(h, mask, p):
    return np.asarray(h, dtype=float) * np.asarray(mask, dtype=float)


def inverted_dropout_multiplied_by_keep(h, mask, p):
    return np.asarray(h, dtype=float) * np.asarray(mask, dtype=float) * (1.0 - p)


FUNCTIONS = {
    "numerical_jacobian": FunctionSpec(
        name="numerical_jacobian",
        reference=ref.numerical_jacobian,
        compare=compare_numerical_jacobian,
        mistakes=[
            Mistake(
                id="numerical_jacobian.transposed",
                title=N_("Jacobian transposed"),
                hint=N_("J[i, j] is the derivative of output i with respect to input j, so J has shape (m, n): the differences along x_j form column j, not row j."),
                implementation=numerical_jacobian_transposed,
            ),
            Mistake(
                id="numerical_jacobian.forward_difference",
                title=N_("Forward differences instead of central differences"),
                hint=N_("(f(x + eps e_j) - f(x)) / eps has an error of order eps, far above the required accuracy. Use f(x + eps e_j) - f(x - eps e_j) divided by 2 eps, whose error is of order eps^2."),
                detect=_numerical_jacobian_one_sided,
            ),
            Mistake(
                id="numerical_jacobian.integer_truncation",
                title=N_("The step eps was lost on integer input"),
                hint=N_("A copy of an integer array stays an integer array, so x[j] += eps is truncated back to an integer. Convert x to float before adding steps."),
                detect=_numerical_jacobian_integer_truncation,
            ),
            Mistake(
                id="numerical_jacobian.divides_by_eps",
                title=N_("Central difference divided by eps instead of 2 eps"),
                hint=N_("The points x + eps e_j and x - eps e_j are 2 eps apart, so divide their difference by 2 eps."),
                implementation=numerical_jacobian_divides_by_eps,
            ),
            Mistake(
                id="numerical_jacobian.ignores_eps",
                title=N_("The step eps given by the caller is ignored"),
                hint=N_("Use the eps argument as the step instead of a fixed number inside the function."),
                implementation=numerical_jacobian_ignores_eps,
            ),
        ],
    ),
    "spectral_norm": FunctionSpec(
        name="spectral_norm",
        reference=ref.spectral_norm,
        compare=compare_spectral_norm,
        mistakes=[
            Mistake(
                id="spectral_norm.frobenius",
                title=N_("Frobenius norm instead of the spectral norm"),
                hint=N_("np.linalg.norm(M) without a second argument is the Frobenius norm, sqrt of the sum of all s_i^2. The spectral norm is the largest singular value alone: use np.linalg.norm(M, 2) or the SVD."),
                implementation=spectral_norm_frobenius,
            ),
            Mistake(
                id="spectral_norm.largest_abs_eigenvalue",
                title=N_("Largest |eigenvalue| instead of the largest singular value"),
                hint=N_("Only for a symmetric matrix are the singular values the absolute eigenvalues. In general take the largest singular value, which is the square root of the largest eigenvalue of M^T M."),
                implementation=spectral_norm_largest_abs_eigenvalue,
            ),
            Mistake(
                id="spectral_norm.squared",
                title=N_("Square root of the eigenvalue of M^T M missing"),
                hint=N_("The eigenvalues of M^T M are the squared singular values s_i^2; take the square root of the largest one."),
                implementation=spectral_norm_squared,
            ),
            Mistake(
                id="spectral_norm.smallest_singular_value",
                title=N_("Smallest singular value instead of the largest"),
                hint=N_("np.linalg.svd returns the singular values in descending order, but np.linalg.eigvalsh returns eigenvalues in ascending order. Take the largest one."),
                implementation=spectral_norm_smallest_singular_value,
            ),
        ],
    ),
    "rnn_jacobian_norms": FunctionSpec(
        name="rnn_jacobian_norms",
        reference=ref.rnn_jacobian_norms,
        compare=compare_rnn_jacobian_norms,
        mistakes=[
            Mistake(
                id="rnn_jacobian_norms.wrong_order",
                title=N_("Jacobians multiplied in the wrong order"),
                hint=N_("By the chain rule the newest Jacobian multiplies from the left: P_t = J_t @ P_{t-1}, not P_{t-1} @ J_t. Matrix products do not commute."),
                implementation=rnn_jacobian_norms_wrong_order,
            ),
            Mistake(
                id="rnn_jacobian_norms.starts_from_identity",
                title=N_("Norms start from P_0 = I"),
                hint=N_("Entry t is the norm of P_{t+1}, the product of the first t + 1 Jacobians. Multiply by J_t before taking the norm, so the first entry is the norm of J_0 and not of the identity."),
                implementation=rnn_jacobian_norms_starts_from_identity,
                detect=_rnn_jacobian_norms_extra_identity_entry,
            ),
            Mistake(
                id="rnn_jacobian_norms.diagonal_on_right",
                title=N_("W_hh multiplied by diag(tanh_derivs) from the right"),
                hint=N_("J_t = diag(d) @ W_hh scales the rows of W_hh. W_hh * d broadcasts d along the rows and scales the columns instead: use d[:, None] * W_hh or np.diag(d) @ W_hh."),
                implementation=rnn_jacobian_norms_diagonal_on_right,
            ),
            Mistake(
                id="rnn_jacobian_norms.frobenius",
                title=N_("Frobenius norm instead of the spectral norm"),
                hint=N_("np.linalg.norm(P) without a second argument is the Frobenius norm. Each entry is the spectral norm, the largest singular value of P."),
                implementation=rnn_jacobian_norms_frobenius,
            ),
            Mistake(
                id="rnn_jacobian_norms.single_step",
                title=N_("Norms of single Jacobians instead of their products"),
                hint=N_("Keep the running product P_t = J_t @ P_{t-1} across the loop and take the norm of P_t, not of J_t alone."),
                implementation=rnn_jacobian_norms_single_step,
            ),
        ],
    ),
    "quadratic_form": FunctionSpec(
        name="quadratic_form",
        reference=ref.quadratic_form,
        compare=compare_quadratic_form,
        mistakes=[
            Mistake(
                id="quadratic_form.elementwise_product",
                title=N_("Element-wise * instead of the matrix product"),
                hint=N_("x * A * x multiplies entry by entry with broadcasting, and .T does nothing to a 1-d array. Use the matrix product: x @ A @ x."),
                implementation=quadratic_form_elementwise,
            ),
            Mistake(
                id="quadratic_form.returns_vector",
                title=N_("Returned the vector A x instead of the number x^T A x"),
                hint=N_("A x (or x^T A) is only half of the form; multiply it by x once more to get one number."),
                detect=_quadratic_form_returns_vector,
            ),
            Mistake(
                id="quadratic_form.returns_gradient",
                title=N_("Returned the gradient (A + A^T) x"),
                hint=N_("quadratic_form returns the value x^T A x, one number, not its gradient."),
                detect=_quadratic_form_returns_gradient,
            ),
        ],
    ),
    "mahalanobis": FunctionSpec(
        name="mahalanobis",
        reference=ref.mahalanobis,
        compare=compare_mahalanobis,
        mistakes=[
            Mistake(
                id="mahalanobis.squared",
                title=N_("Square root missing"),
                hint=N_("(x - mean)^T cov^{-1} (x - mean) is the squared distance; take its square root."),
                implementation=mahalanobis_squared,
            ),
            Mistake(
                id="mahalanobis.cov_not_inverted",
                title=N_("cov used instead of its inverse"),
                hint=N_("The distance divides by the spread, so it needs cov^{-1} (x - mean): solve cov z = x - mean with np.linalg.solve."),
                implementation=mahalanobis_cov_not_inverted,
            ),
            Mistake(
                id="mahalanobis.euclidean",
                title=N_("Euclidean distance: cov ignored"),
                hint=N_("The Mahalanobis distance weights x - mean by cov^{-1}; without cov it is only the Euclidean distance."),
                implementation=mahalanobis_euclidean,
            ),
        ],
    ),
    "total_variance": FunctionSpec(
        name="total_variance",
        reference=ref.total_variance,
        compare=compare_total_variance,
        mistakes=[
            Mistake(
                id="total_variance.divides_by_n",
                title=N_("Divided by n instead of n - 1"),
                hint=N_("The sample covariance divides by n - 1; np.var uses ddof=0 unless you pass ddof=1."),
                implementation=total_variance_divides_by_n,
            ),
            Mistake(
                id="total_variance.not_centred",
                title=N_("Data not centred"),
                hint=N_("Subtract the column means before squaring; otherwise the means count as variance."),
                implementation=total_variance_not_centred,
            ),
            Mistake(
                id="total_variance.rows_as_variables",
                title=N_("np.cov without rowvar=False"),
                hint=N_("np.cov treats each row as a variable by default, but the rows of X are samples. Pass rowvar=False, or use X.T."),
                implementation=total_variance_rows_as_variables,
            ),
        ],
    ),
    "lstm_cell_state": FunctionSpec(
        name="lstm_cell_state",
        reference=ref.lstm_cell_state,
        compare=compare_lstm_cell_state,
        mistakes=[
            Mistake(
                id="lstm_cell_state.matrix_product",
                title=N_("Matrix product instead of the Hadamard product"),
                hint=N_("For 1-d arrays @ and np.dot give one number, the inner product. The gates act entry by entry: use *."),
                implementation=lstm_cell_state_matrix_product,
            ),
            Mistake(
                id="lstm_cell_state.gates_swapped",
                title=N_("Forget and input gates swapped"),
                hint=N_("The forget gate f decides how much of the old state c_prev is kept; the input gate i scales the new candidate c_tilde."),
                implementation=lstm_cell_state_gates_swapped,
            ),
            Mistake(
                id="lstm_cell_state.missing_forget_gate",
                title=N_("Forget gate not applied"),
                hint=N_("Multiply c_prev entry by entry by the forget gate f before adding the new part."),
                implementation=lstm_cell_state_missing_forget_gate,
            ),
        ],
    ),
    "inverted_dropout": FunctionSpec(
        name="inverted_dropout",
        reference=ref.inverted_dropout,
        compare=compare_inverted_dropout,
        mistakes=[
            Mistake(
                id="inverted_dropout.scaled_by_p",
                title=N_("Divided by p instead of 1 - p"),
                hint=N_("p is the drop probability, so a unit is kept with probability 1 - p. Divide by the keep probability 1 - p."),
                implementation=inverted_dropout_scaled_by_p,
            ),
            Mistake(
                id="inverted_dropout.not_scaled",
                title=N_("Kept activations not rescaled"),
                hint=N_("Inverted dropout divides the kept activations by 1 - p, so their expected value stays the same as without dropout."),
                implementation=inverted_dropout_not_scaled,
            ),
            Mistake(
                id="inverted_dropout.multiplied_by_keep",
                title=N_("Multiplied by 1 - p instead of dividing"),
                hint=N_("Multiplying by 1 - p is the scaling at test time in the original dropout. Inverted dropout divides by 1 - p during training instead."),
                implementation=inverted_dropout_multiplied_by_keep,
            ),
        ],
    ),
}
