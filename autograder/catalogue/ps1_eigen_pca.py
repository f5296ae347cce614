"""Comparison rules and known mistakes of ps1_eigen_pca.

Eigenvectors are compared sign-free, and where eigenvalues repeat any
orthonormal basis of the eigenspace is accepted (`checks.expect_eigenbasis`).
`check_pca_triple` is shared with ``pca_svd`` in ps2_svd, whose result has
the same meaning.
"""

from __future__ import annotations

import numpy as np

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake
from autograder.i18n import N_, translator
from solutions import ps1_eigen_pca as ref

_ = translator("ps1_eigen_pca")

# Tolerance of the property tests in the `detect` functions below: far above
# rounding error, far below the errors the mistakes cause.
_PROPERTY_RTOL = 1e-6


# ---------------------------------------------------------------------------
# Comparisons
# ---------------------------------------------------------------------------


def compare_eigh_descending(got, expected, case):
    """Compare ``(eigenvalues, eigenvectors)``, the eigenvectors sign-free and by eigenspace."""
    eigenvalues, eigenvectors = checks.expect_tuple(got, 2, "eigh_descending")
    expected_values, expected_vectors = expected
    checks.expect_array(eigenvalues, expected_values, _("eigenvalues returned by eigh_descending"))
    what = _("eigenvectors returned by eigh_descending")
    checks.expect_eigenbasis(eigenvectors, expected_vectors, expected_values, what)
    checks.expect_orthonormal_columns(eigenvectors, what)


def compare_reconstruct_from_eigh(got, expected, case):
    """Compare the rebuilt matrix entry by entry."""
    checks.expect_array(got, expected, _("matrix returned by reconstruct_from_eigh"))


def compare_covariance_matrix(got, expected, case):
    """Compare the covariance matrix entry by entry, then check that it is symmetric."""
    what = _("matrix returned by covariance_matrix")
    matrix = checks.expect_array(got, expected, what)
    checks.expect_symmetric(matrix, what)


def check_pca_triple(got, expected, function, what_components, what_variance, what_ratio):
    """Compare ``(components, explained_variance, explained_variance_ratio)`` of a PCA.

    Components are compared sign-free, and as subspaces where explained
    variances repeat. Matching components are orthonormal because the
    expected ones are, so orthonormality needs no check of its own.
    """
    components, variance, ratio = checks.expect_tuple(got, 3, function)
    expected_components, expected_variance, expected_ratio = expected
    expected_components = np.asarray(expected_components)
    if expected_components.ndim == 2 and expected_components.shape[1] != np.size(expected_variance):
        # Only a mistake's output has one component per row, so its rows are compared as the eigenbasis.
        array = checks.as_numeric_array(components, what_components)
        checks.expect_eigenbasis(array.T, expected_components.T, expected_variance, what_components)
    else:
        checks.expect_eigenbasis(components, expected_components, expected_variance, what_components)
    checks.expect_array(variance, expected_variance, what_variance)
    checks.expect_array(ratio, expected_ratio, what_ratio)


def compare_pca(got, expected, case):
    """Compare the PCA triple returned by ``pca``."""
    check_pca_triple(
        got,
        expected,
        "pca",
        _("components returned by pca"),
        _("explained_variance returned by pca"),
        _("explained_variance_ratio returned by pca"),
    )


def compare_pca_project(got, expected, case):
    """Compare the projected data entry by entry."""
    checks.expect_array(got, expected, _("projection returned by pca_project"))


def compare_power_iteration(got, expected, case):
    """Compare the eigenvalue and, sign-free, the unit eigenvector."""
    eigenvalue, eigenvector = checks.expect_tuple(got, 2, "power_iteration")
    expected_value, expected_vector = expected
    checks.expect_scalar(eigenvalue, expected_value, _("eigenvalue returned by power_iteration"))
    checks.expect_sign_free_columns(eigenvector, expected_vector, _("eigenvector returned by power_iteration"))


def compare_stationary_distribution(got, expected, case):
    """Compare the distribution entry by entry.

    Matching values imply ``pi >= 0`` and ``sum(pi) = 1``, so those are not
    checked separately: a separate check would also stop the comparison
    with a mistake's output, which is not a probability vector.
    """
    checks.expect_array(got, expected, _("distribution returned by stationary_distribution"))


# ---------------------------------------------------------------------------
# Helpers of the `detect` functions
# ---------------------------------------------------------------------------


def _unit_eigenvectors_not_orthonormal(vectors, matrix, eigenvalues) -> bool:
    """Return true when every column is a unit eigenvector of `matrix` but the columns are not orthonormal.

    This is what ``numpy.linalg.eig`` returns for a repeated eigenvalue: it
    does not orthogonalise the vectors inside an eigenspace, unlike ``eigh``.
    """
    vectors = np.real(np.asarray(vectors)).astype(float)
    eigenvalues = np.real(np.asarray(eigenvalues)).astype(float)
    if vectors.ndim != 2 or vectors.shape != (matrix.shape[0], eigenvalues.shape[0]):
        return False
    scale = max(float(np.max(np.abs(matrix))), 1e-300)
    unit = np.allclose(np.linalg.norm(vectors, axis=0), 1.0, atol=_PROPERTY_RTOL)
    residual = float(np.max(np.abs(matrix @ vectors - vectors * eigenvalues)))
    deviation = float(np.max(np.abs(vectors.T @ vectors - np.eye(vectors.shape[1]))))
    return unit and residual <= _PROPERTY_RTOL * scale and deviation > 10 * _PROPERTY_RTOL


def _detect_eigh_eig_not_orthonormal(got, expected, case) -> bool:
    return _unit_eigenvectors_not_orthonormal(got[1], np.asarray(case.args[0], dtype=float), expected[0])


def _detect_pca_eig_not_orthonormal(got, expected, case) -> bool:
    covariance = ref.covariance_matrix(case.args[0])
    return _unit_eigenvectors_not_orthonormal(got[0], covariance, expected[1])


def _detect_stationary_unit_length(got, expected, case) -> bool:
    """Return true when `got` is the distribution scaled to unit 2-norm, with either sign."""
    pi = np.real(np.asarray(got)).astype(float)
    expected = np.asarray(expected, dtype=float)
    if pi.shape != expected.shape:
        return False
    unit = expected / np.linalg.norm(expected)
    tolerance = _PROPERTY_RTOL * float(np.max(np.abs(unit)))
    return bool(np.max(np.abs(pi - unit)) <= tolerance or np.max(np.abs(pi + unit)) <= tolerance)


# ---------------------------------------------------------------------------
# Mistakes, written the way students write them
# ---------------------------------------------------------------------------


def eigh_ascending_order(A):
    return np.linalg.eigh(np.asarray(A, dtype=float))


def eigh_values_sorted_only(A):
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(A, dtype=float))
    return eigenvalues[::-1], eigenvectors


def eigh_rows_reversed(A):
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(A, dtype=float))
    return eigenvalues[::-1], eigenvectors[::-1]


def eigh_sorted_by_magnitude(A):
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(A, dtype=float))
    order = np.argsort(-np.abs(eigenvalues), kind="stable")
    return eigenvalues[order], eigenvectors[:, order]


def reconstruct_transpose_on_left(eigenvalues, eigenvectors):
    V = np.asarray(eigenvectors, dtype=float)
    return V.T @ np.diag(eigenvalues) @ V


def reconstruct_missing_transpose(eigenvalues, eigenvectors):
    V = np.asarray(eigenvectors, dtype=float)
    return V @ np.diag(eigenvalues) @ V


def reconstruct_scales_rows(eigenvalues, eigenvectors):
    V = np.asarray(eigenvectors, dtype=float)
    return np.asarray(eigenvalues, dtype=float)[:, None] * V @ V.T


def covariance_not_centred(X):
    X = np.asarray(X, dtype=float)
    return X.T @ X / (X.shape[0] - 1)


def covariance_divides_by_n(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    return centred.T @ centred / X.shape[0]


def covariance_np_cov_rows(X):
    return np.cov(np.asarray(X, dtype=float))


def covariance_rows_centred(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=1, keepdims=True)
    return centred.T @ centred / (X.shape[0] - 1)


def _pca_from_covariance(covariance, k):
    """PCA done right from a (possibly wrong) covariance matrix."""
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    eigenvalues, eigenvectors = eigenvalues[::-1], eigenvectors[:, ::-1]
    return eigenvectors[:, :k], eigenvalues[:k], eigenvalues[:k] / np.trace(covariance)


def pca_not_centred(X, k):
    return _pca_from_covariance(covariance_not_centred(X), k)


def pca_divides_by_n(X, k):
    return _pca_from_covariance(covariance_divides_by_n(X), k)


def pca_np_cov_rows(X, k):
    return _pca_from_covariance(covariance_np_cov_rows(X), k)


def pca_ascending_order(X, k):
    covariance = ref.covariance_matrix(X)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    return eigenvectors[:, :k], eigenvalues[:k], eigenvalues[:k] / np.trace(covariance)


def pca_eigenvectors_as_rows(X, k):
    covariance = ref.covariance_matrix(X)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[order].T, eigenvalues[order], eigenvalues[order] / np.trace(covariance)


def pca_components_as_rows(X, k):
    components, variance, ratio = ref.pca(X, k)
    return components.T, variance, ratio


def pca_ratio_over_top_k(X, k):
    components, variance, _ratio = ref.pca(X, k)
    return components, variance, variance / variance.sum()


def project_not_centred(X, components):
    return np.asarray(X, dtype=float) @ np.asarray(components, dtype=float)


def project_transposed_result(X, components):
    X = np.asarray(X, dtype=float)
    return np.asarray(components, dtype=float).T @ (X - X.mean(axis=0)).T


def project_standardised(X, components):
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) / X.std(axis=0) @ np.asarray(components, dtype=float)


def power_norm_as_eigenvalue(A, num_iters=1000):
    A = np.asarray(A, dtype=float)
    _eigenvalue, vector = ref.power_iteration(A, num_iters)
    return float(np.linalg.norm(A @ vector)), vector


def power_max_entry_scaling(A, num_iters=1000):
    A = np.asarray(A, dtype=float)
    vector = np.ones(A.shape[0])
    for _step in range(num_iters):
        product = A @ vector
        vector = product / np.max(np.abs(product))
    return float(vector @ A @ vector), vector


def power_ignores_num_iters(A, num_iters=1000):
    return ref.power_iteration(A, 1000)


def stationary_right_eigenvector(P):
    m = np.asarray(P).shape[0]
    return np.full(m, 1.0 / m)


def stationary_column_of_matrix_power(P):
    return np.linalg.matrix_power(np.asarray(P, dtype=float), 1000)[:, 0]


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------

FUNCTIONS = {
    "eigh_descending": FunctionSpec(
        name="eigh_descending",
        reference=ref.eigh_descending,
        compare=compare_eigh_descending,
        mistakes=[
            Mistake(
                id="eigh_descending.ascending_order",
                title=N_("Eigenvalues in ascending order"),
                hint=N_("numpy.linalg.eigh returns the eigenvalues in ascending order. Reverse both the eigenvalues and the eigenvector columns so that the largest comes first."),
                implementation=eigh_ascending_order,
            ),
            Mistake(
                id="eigh_descending.values_sorted_only",
                title=N_("Eigenvalues reordered but eigenvectors not"),
                hint=N_("Apply the same reordering to the columns of the eigenvector matrix as to the eigenvalues, so that column i still belongs to eigenvalue i."),
                implementation=eigh_values_sorted_only,
            ),
            Mistake(
                id="eigh_descending.rows_reversed",
                title=N_("Rows of the eigenvector matrix reversed instead of columns"),
                hint=N_("The eigenvectors are the columns. Reverse the column order (the second index), not the row order."),
                implementation=eigh_rows_reversed,
            ),
            Mistake(
                id="eigh_descending.sorted_by_magnitude",
                title=N_("Eigenvalues sorted by absolute value"),
                hint=N_("Sort by the eigenvalues themselves, so a negative eigenvalue comes after every positive one, not by their absolute values."),
                implementation=eigh_sorted_by_magnitude,
            ),
            Mistake(
                id="eigh_descending.eig_not_orthonormal",
                title=N_("Eigenvectors of a repeated eigenvalue are not orthogonal"),
                hint=N_("numpy.linalg.eig does not make the eigenvectors of a repeated eigenvalue orthogonal. For a symmetric matrix use numpy.linalg.eigh, whose eigenvector columns are always orthonormal."),
                detect=_detect_eigh_eig_not_orthonormal,
            ),
        ],
    ),
    "reconstruct_from_eigh": FunctionSpec(
        name="reconstruct_from_eigh",
        reference=ref.reconstruct_from_eigh,
        compare=compare_reconstruct_from_eigh,
        mistakes=[
            Mistake(
                id="reconstruct_from_eigh.transpose_on_left",
                title=N_("Computed V^T diag(lambda) V instead of V diag(lambda) V^T"),
                hint=N_("The eigenvectors are the columns of V, so the product starts with V and ends with its transpose."),
                implementation=reconstruct_transpose_on_left,
            ),
            Mistake(
                id="reconstruct_from_eigh.missing_transpose",
                title=N_("Transpose missing: computed V diag(lambda) V"),
                hint=N_("The last factor is the transpose of the eigenvector matrix."),
                implementation=reconstruct_missing_transpose,
            ),
            Mistake(
                id="reconstruct_from_eigh.scales_rows",
                title=N_("Eigenvalues multiplied into the rows of V instead of its columns"),
                hint=N_("V diag(lambda) scales column i of V by eigenvalue i. Broadcasting a column of eigenvalues against V scales the rows instead."),
                implementation=reconstruct_scales_rows,
            ),
        ],
    ),
    "covariance_matrix": FunctionSpec(
        name="covariance_matrix",
        reference=ref.covariance_matrix,
        compare=compare_covariance_matrix,
        mistakes=[
            Mistake(
                id="covariance_matrix.not_centred",
                title=N_("Data not centred"),
                hint=N_("Subtract the mean of each column from the data before multiplying."),
                implementation=covariance_not_centred,
            ),
            Mistake(
                id="covariance_matrix.divides_by_n",
                title=N_("Divided by n instead of n - 1"),
                hint=N_("The sample covariance divides by n - 1, the number of samples minus one."),
                implementation=covariance_divides_by_n,
            ),
            Mistake(
                id="covariance_matrix.np_cov_rows",
                title=N_("np.cov treated the rows as variables"),
                hint=N_("numpy.cov treats each row as one variable by default. Here the columns are the features: pass rowvar=False, or compute the formula directly."),
                implementation=covariance_np_cov_rows,
            ),
            Mistake(
                id="covariance_matrix.rows_centred",
                title=N_("Row means subtracted instead of column means"),
                hint=N_("Take the mean over the samples (axis 0), so that each feature, not each sample, has mean zero."),
                implementation=covariance_rows_centred,
            ),
        ],
    ),
    "pca": FunctionSpec(
        name="pca",
        reference=ref.pca,
        compare=compare_pca,
        mistakes=[
            Mistake(
                id="pca.not_centred",
                title=N_("Data not centred"),
                hint=N_("Subtract the column means before forming the covariance matrix."),
                implementation=pca_not_centred,
            ),
            Mistake(
                id="pca.divides_by_n",
                title=N_("Covariance divided by n instead of n - 1"),
                hint=N_("The explained variance is an eigenvalue of the sample covariance, which divides by n - 1."),
                implementation=pca_divides_by_n,
            ),
            Mistake(
                id="pca.np_cov_rows",
                title=N_("np.cov treated the rows as variables"),
                hint=N_("numpy.cov treats each row as one variable by default, which gives an n × n matrix. Pass rowvar=False so that the columns are the features."),
                implementation=pca_np_cov_rows,
            ),
            Mistake(
                id="pca.ascending_order",
                title=N_("Took the components of the smallest eigenvalues"),
                hint=N_("numpy.linalg.eigh returns the eigenvalues in ascending order. Reorder them so that the largest comes first before taking the first k."),
                implementation=pca_ascending_order,
            ),
            Mistake(
                id="pca.eigenvectors_as_rows",
                title=N_("Took rows of the eigenvector matrix instead of columns"),
                hint=N_("The eigenvectors are the columns of the matrix that eigh returns. Select columns (the second index) with the sorted order."),
                implementation=pca_eigenvectors_as_rows,
            ),
            Mistake(
                id="pca.components_as_rows",
                title=N_("Components returned as rows, shape (k, d)"),
                hint=N_("Here each component is a column, so components has shape (d, k). scikit-learn's components_ stores them as rows, which is the transpose."),
                implementation=pca_components_as_rows,
            ),
            Mistake(
                id="pca.ratio_over_top_k",
                title=N_("Ratio divided by the variance of the top k components only"),
                hint=N_("Divide by the total variance, the sum of all d eigenvalues (the trace of the covariance matrix), not by the sum of the k that were kept."),
                implementation=pca_ratio_over_top_k,
            ),
            Mistake(
                id="pca.eig_not_orthonormal",
                title=N_("Components of a repeated eigenvalue are not orthogonal"),
                hint=N_("numpy.linalg.eig does not make the eigenvectors of a repeated eigenvalue orthogonal. The covariance matrix is symmetric, so use numpy.linalg.eigh."),
                detect=_detect_pca_eig_not_orthonormal,
            ),
        ],
    ),
    "pca_project": FunctionSpec(
        name="pca_project",
        reference=ref.pca_project,
        compare=compare_pca_project,
        mistakes=[
            Mistake(
                id="pca_project.not_centred",
                title=N_("Data not centred before projecting"),
                hint=N_("Subtract the column means of X before multiplying by the components."),
                implementation=project_not_centred,
            ),
            Mistake(
                id="pca_project.transposed_result",
                title=N_("Result transposed: one row per component"),
                hint=N_("The result has one row per sample and one column per component, shape (n, k)."),
                implementation=project_transposed_result,
            ),
            Mistake(
                id="pca_project.standardised",
                title=N_("Data divided by the standard deviation"),
                hint=N_("Only subtract the column means. Dividing by the standard deviation (standardising) changes the projection."),
                implementation=project_standardised,
            ),
        ],
    ),
    "power_iteration": FunctionSpec(
        name="power_iteration",
        reference=ref.power_iteration,
        compare=compare_power_iteration,
        mistakes=[
            Mistake(
                id="power_iteration.norm_as_eigenvalue",
                title=N_("Eigenvalue taken as the norm of A v"),
                hint=N_("The norm of A v is the absolute value of the eigenvalue and loses a negative sign. Return the Rayleigh quotient v^T A v."),
                implementation=power_norm_as_eigenvalue,
            ),
            Mistake(
                id="power_iteration.max_entry_scaling",
                title=N_("Vector scaled by its largest entry instead of to unit length"),
                hint=N_("Divide by the 2-norm at every step, so that v has length 1 and v^T A v is the eigenvalue."),
                implementation=power_max_entry_scaling,
            ),
            Mistake(
                id="power_iteration.ignores_num_iters",
                title=N_("The number of steps num_iters is not respected"),
                hint=N_("Multiply by A exactly num_iters times, starting from the normalised all-ones vector, and do not replace the iteration by a library eigensolver."),
                implementation=power_ignores_num_iters,
            ),
        ],
    ),
    "stationary_distribution": FunctionSpec(
        name="stationary_distribution",
        reference=ref.stationary_distribution,
        compare=compare_stationary_distribution,
        mistakes=[
            Mistake(
                id="stationary_distribution.right_eigenvector",
                title=N_("Right eigenvector of P instead of the left eigenvector"),
                hint=N_("pi P = pi makes pi a left eigenvector: an eigenvector of P^T, not of P. The right eigenvector for eigenvalue 1 is always the constant vector."),
                implementation=stationary_right_eigenvector,
            ),
            Mistake(
                id="stationary_distribution.unit_length",
                title=N_("Normalised to unit length instead of to sum 1"),
                hint=N_("Eigensolvers return vectors of 2-norm 1, possibly with a negative sign. Divide the vector by the sum of its entries so that the probabilities sum to 1."),
                detect=_detect_stationary_unit_length,
            ),
            Mistake(
                id="stationary_distribution.column_of_matrix_power",
                title=N_("Took a column of P^t instead of a row"),
                hint=N_("Every row of P^t approaches pi as t grows; a column does not."),
                implementation=stationary_column_of_matrix_power,
            ),
        ],
    ),
}
