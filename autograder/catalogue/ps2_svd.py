"""Comparison rules and known mistakes of ps2_svd.

Singular vectors are compared sign-free, and LoRA factors only through their
product ``B @ A`` and their shapes, because any split of the singular values
between ``B`` and ``A`` is right.
"""

from __future__ import annotations

import numpy as np

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake
from autograder.catalogue.ps1_eigen_pca import check_pca_triple
from autograder.i18n import N_, translator
from solutions import ps2_svd as ref

_ = translator("ps2_svd")

# A pseudo-inverse whose largest entry is this many times the expected one
# has inverted a singular value that should have counted as zero.
_EXPLODED_FACTOR = 1e3


# ---------------------------------------------------------------------------
# Comparisons
# ---------------------------------------------------------------------------


def compare_svd_reconstruct(got, expected, case):
    """Compare the rebuilt matrix entry by entry."""
    checks.expect_array(got, expected, _("matrix returned by svd_reconstruct"))


def compare_rank_k_approx(got, expected, case):
    """Compare the approximation entry by entry."""
    checks.expect_array(got, expected, _("matrix returned by rank_k_approx"))


def compare_energy_captured(got, expected, case):
    """Compare the captured fraction as a scalar."""
    checks.expect_scalar(got, expected, _("value returned by energy_captured"))


def compare_truncation_error(got, expected, case):
    """Compare the error as a scalar, with an absolute floor scaled to ``‖s‖``.

    The expected error is 0 when nothing is truncated. Computing it as
    ``sqrt(sum(s**2) - sum(s[:k]**2))`` is correct but cancels to a rounding
    residue near ``1e-8 ‖s‖``, so the floor is ``1e-7 ‖s‖`` rather than a
    tolerance relative to 0.
    """
    singular_values = np.asarray(case.args[0], dtype=float)
    floor = 1e-7 * float(np.linalg.norm(singular_values))
    checks.expect_scalar(got, expected, _("value returned by truncation_error"), atol=floor)


def compare_pca_svd(got, expected, case):
    """Compare the PCA triple returned by ``pca_svd``, with the rules of ``pca``."""
    check_pca_triple(
        got,
        expected,
        "pca_svd",
        _("components returned by pca_svd"),
        _("explained_variance returned by pca_svd"),
        _("explained_variance_ratio returned by pca_svd"),
    )


def compare_pinv_svd(got, expected, case):
    """Compare the pseudo-inverse entry by entry."""
    checks.expect_array(got, expected, _("matrix returned by pinv_svd"))


def _format_shape(shape) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def compare_lora_factors(got, expected, case):
    """Check the shapes of ``B`` and ``A``, then compare the product ``B @ A``."""
    B, A = checks.expect_tuple(got, 2, "lora_factors")
    expected_B, expected_A = (np.asarray(factor) for factor in expected)
    for factor, expected_factor, name in ((B, expected_B, "B"), (A, expected_A, "A")):
        what = _("{name} returned by lora_factors").format(name=name)
        array = checks.as_numeric_array(factor, what)
        checks.expect_true(
            array.shape == expected_factor.shape,
            _("{what}: shape is wrong: expected {expected}, got {got}.").format(what=what, expected=_format_shape(expected_factor.shape), got=_format_shape(array.shape)),
            stage="shape",
        )
        checks.expect_true(
            bool(np.all(np.isfinite(array))),
            _("{what}: some entries are nan or inf, but every entry must be a finite number.").format(what=what),
            stage="finite",
        )
    product = np.asarray(B) @ np.asarray(A)
    checks.expect_array(product, expected_B @ expected_A, _("the product B @ A of the factors returned by lora_factors"))


def compare_lora_compression_ratio(got, expected, case):
    """Compare the ratio as a scalar."""
    checks.expect_scalar(got, expected, _("value returned by lora_compression_ratio"))


# ---------------------------------------------------------------------------
# Helpers of the `detect` functions
# ---------------------------------------------------------------------------


def _detect_pinv_no_cutoff(got, expected, case) -> bool:
    """Return true when the result has entries far larger than the pseudo-inverse can have.

    Inverting a singular value that is zero up to rounding (about 1e-16 of
    the largest) gives entries near 1e16, or inf when it is exactly zero.
    """
    array = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    if array.shape != expected.shape:
        return False
    if not np.all(np.isfinite(array)):
        return True
    return float(np.max(np.abs(array))) > _EXPLODED_FACTOR * float(np.max(np.abs(expected)))


def _detect_lora_factors_swapped(got, expected, case) -> bool:
    """Return true when the student returned ``(A, B)``: right factors in the wrong order."""
    first, second = (np.asarray(factor, dtype=float) for factor in got)
    expected_B, expected_A = (np.asarray(factor, dtype=float) for factor in expected)
    if first.shape != expected_A.shape or second.shape != expected_B.shape:
        return False
    product = expected_B @ expected_A
    tolerance = 1e-6 * max(float(np.max(np.abs(product))), 1e-12)
    return bool(np.max(np.abs(second @ first - product)) <= tolerance)


# ---------------------------------------------------------------------------
# Mistakes, written the way students write them
# ---------------------------------------------------------------------------


def reconstruct_vt_transposed(U, s, Vt):
    return np.asarray(U) @ np.diag(s) @ np.asarray(Vt).T


def reconstruct_scales_columns_of_vt(U, s, Vt):
    return np.asarray(U, dtype=float) @ (np.asarray(s, dtype=float) * np.asarray(Vt, dtype=float))


def reconstruct_s_not_diagonal(U, s, Vt):
    return np.asarray(U, dtype=float) @ np.asarray(s, dtype=float) @ np.asarray(Vt, dtype=float)


def rank_keeps_k_plus_one(A, k):
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    s = s.copy()
    s[k + 1 :] = 0.0
    return U @ np.diag(s) @ Vt


def rank_smallest_singular_values(A, k):
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]


def rank_vt_transposed(A, k):
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt.T[:k]


def rank_centres_data(A, k):
    A = np.asarray(A, dtype=float)
    return ref.rank_k_approx(A - A.mean(axis=0), k)


def energy_not_squared(s, k):
    s = np.asarray(s, dtype=float)
    return float(s[:k].sum() / s.sum())


def energy_off_by_one(s, k):
    squares = np.asarray(s, dtype=float) ** 2
    return float(squares[: k + 1].sum() / squares.sum())


def energy_discarded(s, k):
    squares = np.asarray(s, dtype=float) ** 2
    return float(squares[k:].sum() / squares.sum())


def truncation_not_square_root(s, k):
    return float(np.sum(np.asarray(s, dtype=float)[k:] ** 2))


def truncation_spectral_norm(s, k):
    return float(np.asarray(s, dtype=float)[k])


def truncation_kept_values(s, k):
    return float(np.sqrt(np.sum(np.asarray(s, dtype=float)[:k] ** 2)))


def _pca_svd_parts(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(centred, full_matrices=False)
    return X.shape[0], U, s, Vt


def pca_svd_not_centred(X, k):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    _U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt[:k].T, s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s**2)


def pca_svd_components_as_rows(X, k):
    n, _U, s, Vt = _pca_svd_parts(X)
    return Vt[:k], s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s**2)


def pca_svd_columns_of_vt(X, k):
    n, _U, s, Vt = _pca_svd_parts(X)
    if k == Vt.shape[0]:
        # With k = d, Vt[:, :k] is all of Vt, the same output as components_as_rows.
        raise ValueError("the mistake is indistinguishable from components_as_rows when k = d")
    return Vt[:, :k], s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s**2)


def pca_svd_left_singular_vectors(X, k):
    n, U, s, _Vt = _pca_svd_parts(X)
    return U[:, :k], s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s**2)


def pca_svd_not_squared(X, k):
    n, _U, s, Vt = _pca_svd_parts(X)
    return Vt[:k].T, s[:k] / (n - 1), s[:k] / np.sum(s)


def pca_svd_missing_n_minus_1(X, k):
    _n, _U, s, Vt = _pca_svd_parts(X)
    return Vt[:k].T, s[:k] ** 2, s[:k] ** 2 / np.sum(s**2)


def pca_svd_divides_by_n(X, k):
    n, _U, s, Vt = _pca_svd_parts(X)
    return Vt[:k].T, s[:k] ** 2 / n, s[:k] ** 2 / np.sum(s**2)


def pca_svd_ratio_over_top_k(X, k):
    n, _U, s, Vt = _pca_svd_parts(X)
    return Vt[:k].T, s[:k] ** 2 / (n - 1), s[:k] ** 2 / np.sum(s[:k] ** 2)


def pinv_u_and_v_swapped(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    kept = s > rtol * s.max()
    inverse_s = np.where(kept, 1.0 / np.where(kept, s, 1.0), 0.0)
    return U @ np.diag(inverse_s) @ Vt


def pinv_ignores_rtol(A, rtol=1e-12):
    return np.linalg.pinv(np.asarray(A, dtype=float))


def pinv_absolute_cutoff(A, rtol=1e-12):
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    kept = s > rtol
    inverse_s = np.where(kept, 1.0 / np.where(kept, s, 1.0), 0.0)
    return Vt.T @ np.diag(inverse_s) @ U.T


def lora_missing_singular_values(W, r):
    U, _s, Vt = np.linalg.svd(np.asarray(W, dtype=float), full_matrices=False)
    return U[:, :r], Vt[:r]


def lora_singular_values_twice(W, r):
    U, s, Vt = np.linalg.svd(np.asarray(W, dtype=float), full_matrices=False)
    S = np.diag(s[:r])
    return U[:, :r] @ S, S @ Vt[:r]


def ratio_inverted(d_out, d_in, r):
    return r * (d_out + d_in) / (d_out * d_in)


def ratio_integer_division(d_out, d_in, r):
    return d_out * d_in // (r * (d_out + d_in))


def ratio_missing_parentheses(d_out, d_in, r):
    return d_out * d_in / r * (d_out + d_in)


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------

FUNCTIONS = {
    "svd_reconstruct": FunctionSpec(
        name="svd_reconstruct",
        reference=ref.svd_reconstruct,
        compare=compare_svd_reconstruct,
        mistakes=[
            Mistake(
                id="svd_reconstruct.vt_transposed",
                title=N_("Vt transposed again: computed U diag(s) V"),
                hint=N_("Vt already holds the right singular vectors as rows. Multiply by Vt as it is given."),
                implementation=reconstruct_vt_transposed,
            ),
            Mistake(
                id="svd_reconstruct.scales_columns_of_vt",
                title=N_("Singular values multiplied into the columns of Vt instead of its rows"),
                hint=N_("s * Vt broadcasts s along the last axis and scales the columns. diag(s) @ Vt scales row i of Vt by s[i]."),
                implementation=reconstruct_scales_columns_of_vt,
            ),
            Mistake(
                id="svd_reconstruct.s_not_diagonal",
                title=N_("Used the vector s as a matrix factor: U @ s @ Vt"),
                hint=N_("s is a 1-d array of singular values. Turn it into the diagonal matrix diag(s) (or scale the columns of U) before multiplying."),
                implementation=reconstruct_s_not_diagonal,
            ),
        ],
    ),
    "rank_k_approx": FunctionSpec(
        name="rank_k_approx",
        reference=ref.rank_k_approx,
        compare=compare_rank_k_approx,
        mistakes=[
            Mistake(
                id="rank_k_approx.keeps_k_plus_one",
                title=N_("Kept k + 1 singular values"),
                hint=N_("Keep exactly the first k singular values, indices 0 to k - 1, and set the ones from index k on to zero."),
                implementation=rank_keeps_k_plus_one,
            ),
            Mistake(
                id="rank_k_approx.smallest_singular_values",
                title=N_("Kept the k smallest singular values"),
                hint=N_("numpy.linalg.svd returns the singular values in descending order, so the k largest are the first k, not the last k."),
                implementation=rank_smallest_singular_values,
            ),
            Mistake(
                id="rank_k_approx.vt_transposed",
                title=N_("Vt transposed again before taking its first k rows"),
                hint=N_("numpy.linalg.svd already returns V transposed: the right singular vectors are the rows of Vt. Take Vt[:k] without transposing."),
                implementation=rank_vt_transposed,
            ),
            Mistake(
                id="rank_k_approx.centres_data",
                title=N_("Subtracted the column means before the SVD"),
                hint=N_("A low-rank approximation approximates A itself. Do not centre the matrix, because that is a step of PCA, not of the truncated SVD."),
                implementation=rank_centres_data,
            ),
        ],
    ),
    "energy_captured": FunctionSpec(
        name="energy_captured",
        reference=ref.energy_captured,
        compare=compare_energy_captured,
        mistakes=[
            Mistake(
                id="energy_captured.not_squared",
                title=N_("Singular values not squared"),
                hint=N_("The energy is the squared Frobenius norm, the sum of the squared singular values. Square them before summing."),
                implementation=energy_not_squared,
            ),
            Mistake(
                id="energy_captured.off_by_one",
                title=N_("Summed k + 1 singular values"),
                hint=N_("s[:k] already holds the first k values, because the end of a slice is not included."),
                implementation=energy_off_by_one,
            ),
            Mistake(
                id="energy_captured.discarded_energy",
                title=N_("Computed the fraction that is discarded"),
                hint=N_("Sum the squares of the first k singular values, the ones that are kept, not of the rest."),
                implementation=energy_discarded,
            ),
        ],
    ),
    "truncation_error": FunctionSpec(
        name="truncation_error",
        reference=ref.truncation_error,
        compare=compare_truncation_error,
        mistakes=[
            Mistake(
                id="truncation_error.not_square_root",
                title=N_("Square root missing"),
                hint=N_("The sum of the squared singular values is the squared error. The Frobenius norm is its square root."),
                implementation=truncation_not_square_root,
            ),
            Mistake(
                id="truncation_error.spectral_norm",
                title=N_("Spectral norm instead of Frobenius norm"),
                hint=N_("s[k] is the error in the spectral (2-)norm. The Frobenius norm of the error combines every discarded singular value."),
                implementation=truncation_spectral_norm,
            ),
            Mistake(
                id="truncation_error.kept_values",
                title=N_("Summed the kept singular values instead of the discarded ones"),
                hint=N_("The error of A_k comes from the singular values that truncation drops, from index k on."),
                implementation=truncation_kept_values,
            ),
        ],
    ),
    "pca_svd": FunctionSpec(
        name="pca_svd",
        reference=ref.pca_svd,
        compare=compare_pca_svd,
        mistakes=[
            Mistake(
                id="pca_svd.not_centred",
                title=N_("Data not centred before the SVD"),
                hint=N_("Subtract the column means of X first. Only the SVD of the centred data gives the principal components."),
                implementation=pca_svd_not_centred,
            ),
            Mistake(
                id="pca_svd.components_as_rows",
                title=N_("Components returned as rows of Vt, shape (k, d)"),
                hint=N_("The components are columns, shape (d, k). Transpose the first k rows of Vt."),
                implementation=pca_svd_components_as_rows,
            ),
            Mistake(
                id="pca_svd.columns_of_vt",
                title=N_("Took columns of Vt instead of rows"),
                hint=N_("numpy.linalg.svd returns Vt, whose rows are the right singular vectors. The components are the first k rows of Vt, transposed into columns."),
                implementation=pca_svd_columns_of_vt,
            ),
            Mistake(
                id="pca_svd.left_singular_vectors",
                title=N_("Used the left singular vectors U as components"),
                hint=N_("The columns of U live in sample space (length n). The directions in feature space are the right singular vectors, the rows of Vt."),
                implementation=pca_svd_left_singular_vectors,
            ),
            Mistake(
                id="pca_svd.not_squared",
                title=N_("Singular values not squared"),
                hint=N_("The eigenvalues of the covariance are s**2 / (n - 1). Square the singular values for the variance and for the ratio."),
                implementation=pca_svd_not_squared,
            ),
            Mistake(
                id="pca_svd.missing_n_minus_1",
                title=N_("Explained variance not divided by n - 1"),
                hint=N_("s**2 is the variance times n - 1. Divide by n - 1 to get the variance."),
                implementation=pca_svd_missing_n_minus_1,
            ),
            Mistake(
                id="pca_svd.divides_by_n",
                title=N_("Divided by n instead of n - 1"),
                hint=N_("The sample covariance divides by n - 1, so the explained variance is s**2 / (n - 1)."),
                implementation=pca_svd_divides_by_n,
            ),
            Mistake(
                id="pca_svd.ratio_over_top_k",
                title=N_("Ratio divided by the top k squared singular values only"),
                hint=N_("Divide by the sum of all squared singular values, the total variance times n - 1, not only the k that were kept."),
                implementation=pca_svd_ratio_over_top_k,
            ),
        ],
    ),
    "pinv_svd": FunctionSpec(
        name="pinv_svd",
        reference=ref.pinv_svd,
        compare=compare_pinv_svd,
        mistakes=[
            Mistake(
                id="pinv_svd.u_and_v_swapped",
                title=N_("Computed U diag(1/s) Vt instead of V diag(1/s) U^T"),
                hint=N_("The pseudo-inverse of U diag(s) Vt is Vt^T diag(1/s) U^T: transpose both orthogonal factors and reverse their order."),
                implementation=pinv_u_and_v_swapped,
            ),
            Mistake(
                id="pinv_svd.ignores_rtol",
                title=N_("The cutoff rtol is ignored"),
                hint=N_("Treat every singular value <= rtol * max(s) as zero, using the rtol argument that the caller passes."),
                implementation=pinv_ignores_rtol,
            ),
            Mistake(
                id="pinv_svd.absolute_cutoff",
                title=N_("Cutoff compared with rtol instead of rtol * max(s)"),
                hint=N_("rtol is relative: multiply it by the largest singular value before comparing."),
                implementation=pinv_absolute_cutoff,
            ),
            Mistake(
                id="pinv_svd.no_cutoff",
                title=N_("Inverted singular values that are zero"),
                hint=N_("A rank-deficient matrix has singular values that are zero up to rounding. Set 1/s to 0 for every s <= rtol * max(s) instead of dividing by them."),
                detect=_detect_pinv_no_cutoff,
            ),
        ],
    ),
    "lora_factors": FunctionSpec(
        name="lora_factors",
        reference=ref.lora_factors,
        compare=compare_lora_factors,
        mistakes=[
            Mistake(
                id="lora_factors.missing_singular_values",
                title=N_("Singular values left out of both factors"),
                hint=N_("B @ A must equal U_r diag(s_r) Vt_r. Put diag(s_r) into B, into A, or its square root into each."),
                implementation=lora_missing_singular_values,
            ),
            Mistake(
                id="lora_factors.singular_values_twice",
                title=N_("Singular values put into both factors"),
                hint=N_("With diag(s_r) in B and in A, the product has s_r squared. Put diag(s_r) into one factor only, or its square root into each."),
                implementation=lora_singular_values_twice,
            ),
            Mistake(
                id="lora_factors.factors_swapped",
                title=N_("Factors returned in the order (A, B)"),
                hint=N_("Return (B, A): B has shape (d_out, r) and comes first."),
                detect=_detect_lora_factors_swapped,
            ),
        ],
    ),
    "lora_compression_ratio": FunctionSpec(
        name="lora_compression_ratio",
        reference=ref.lora_compression_ratio,
        compare=compare_lora_compression_ratio,
        mistakes=[
            Mistake(
                id="lora_compression_ratio.inverted",
                title=N_("Ratio inverted: LoRA parameters over full parameters"),
                hint=N_("The ratio is the number of full parameters divided by the number of LoRA parameters, so it is larger than 1 for a small r."),
                implementation=ratio_inverted,
            ),
            Mistake(
                id="lora_compression_ratio.integer_division",
                title=N_("Integer division // drops the fractional part"),
                hint=N_("Use the true division /, because the ratio is usually not a whole number."),
                implementation=ratio_integer_division,
            ),
            Mistake(
                id="lora_compression_ratio.missing_parentheses",
                title=N_("Parentheses missing around the denominator"),
                hint=N_("a / r * (b + c) divides by r and then multiplies by (b + c). Put the whole denominator r * (d_out + d_in) in parentheses."),
                implementation=ratio_missing_parentheses,
            ),
        ],
    ),
}
