"""Reference solutions of ps2_svd: the SVD, low-rank approximation, PCA by SVD, pseudo-inverse and LoRA.

Every function converts its inputs to floating point and never changes the
caller's arrays.
"""

from __future__ import annotations

import numpy as np


def _fix_row_signs(Vt: np.ndarray) -> np.ndarray:
    """Flip each row of `Vt` so that its entry of largest magnitude is positive.

    A right singular vector is defined only up to a factor of -1. Fixing the
    sign makes the reference output the same on every platform and LAPACK build.
    """
    if Vt.size == 0:
        return Vt
    columns = np.argmax(np.abs(Vt), axis=1)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), columns])
    signs[signs == 0] = 1.0
    return Vt * signs[:, None]


def svd_reconstruct(U, s, Vt):
    """Multiply the factors of a reduced SVD back together.

    Parameters
    ----------
    U : array_like of shape (m, r)
        Left singular vectors as columns.
    s : array_like of shape (r,)
        Singular values.
    Vt : array_like of shape (r, n)
        Right singular vectors as rows.

    Returns
    -------
    ndarray of shape (m, n)
        ``U diag(s) Vt``.
    """
    U = np.asarray(U, dtype=float)
    s = np.asarray(s, dtype=float)
    Vt = np.asarray(Vt, dtype=float)
    # U * s scales column i of U by s[i], which equals U @ diag(s).
    return (U * s) @ Vt


def rank_k_approx(A, k):
    """Compute the best rank-`k` approximation of `A` in the Frobenius norm.

    Parameters
    ----------
    A : array_like of shape (m, n)
    k : int
        Rank of the approximation, ``0 <= k <= min(m, n)``.

    Returns
    -------
    ndarray of shape (m, n)
        ``U_k diag(s_k) Vt_k`` from the `k` largest singular values; zeros
        when ``k = 0``.

    Notes
    -----
    By the Eckart–Young theorem the truncated SVD minimises ``‖A - B‖_F``
    over all matrices ``B`` of rank at most `k`, and the error is
    ``sqrt(sum(s[k:]**2))``.
    """
    A = np.asarray(A, dtype=float)
    if not 0 <= k <= min(A.shape):
        raise ValueError(f"k must satisfy 0 <= k <= min(m, n) = {min(A.shape)}, got k = {k}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]


def energy_captured(s, k):
    """Return the fraction of the squared Frobenius norm kept by the top `k` singular values.

    Parameters
    ----------
    s : array_like of shape (r,)
        Singular values in descending order, not all zero.
    k : int
        Number of singular values kept, ``0 <= k <= r``.

    Returns
    -------
    float
        ``sum(s[:k]**2) / sum(s**2)``.
    """
    squares = np.asarray(s, dtype=float) ** 2
    return float(squares[:k].sum() / squares.sum())


def truncation_error(s, k):
    """Return the Frobenius norm of ``A - A_k`` from the singular values of `A`.

    Parameters
    ----------
    s : array_like of shape (r,)
        Singular values in descending order.
    k : int
        Rank of the truncation, ``0 <= k <= r``.

    Returns
    -------
    float
        ``sqrt(sum(s[k:]**2))``: the singular values that truncation drops.
    """
    s = np.asarray(s, dtype=float)
    return float(np.sqrt(np.sum(s[k:] ** 2)))


def pca_svd(X, k):
    """Compute PCA through the SVD of the centred data.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Data, one sample per row.
    k : int
        Number of components, ``1 <= k <= d``.

    Returns
    -------
    components : ndarray of shape (d, k)
        The first `k` right singular vectors of the centred data, as columns.
    explained_variance : ndarray of shape (k,)
        ``s[:k]**2 / (n - 1)``.
    explained_variance_ratio : ndarray of shape (k,)
        ``s[:k]**2 / sum(s**2)``.

    Notes
    -----
    With ``Xc = U diag(s) Vt`` the covariance matrix is
    ``Xc^T Xc / (n - 1) = V diag(s**2 / (n - 1)) V^T``, so this agrees with
    the eigendecomposition route up to column signs, without forming
    ``Xc^T Xc``, which squares the condition number.
    """
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    if not 1 <= k <= d:
        raise ValueError(f"k must satisfy 1 <= k <= d = {d}, got k = {k}")
    centred = X - X.mean(axis=0)
    # Wide data (n < d) have only n singular values. The full SVD then also
    # returns the remaining right singular vectors, directions of zero variance.
    _U, s, Vt = np.linalg.svd(centred, full_matrices=n < d)
    Vt = _fix_row_signs(Vt)
    squares = np.zeros(d)
    squares[: s.size] = s**2
    explained_variance = squares[:k] / (n - 1)
    explained_variance_ratio = squares[:k] / squares.sum()
    return Vt[:k].T.copy(), explained_variance, explained_variance_ratio


def pinv_svd(A, rtol=1e-12):
    """Compute the Moore–Penrose pseudo-inverse through the SVD.

    Parameters
    ----------
    A : array_like of shape (m, n)
    rtol : float, default 1e-12
        Singular values ``<= rtol * max(s)`` count as zero, as in
        ``numpy.linalg.pinv(A, rtol=rtol)``.

    Returns
    -------
    ndarray of shape (n, m)
        ``V diag(1 / s) U^T`` over the singular values above the cutoff.
    """
    A = np.asarray(A, dtype=float)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    cutoff = rtol * s.max() if s.size else 0.0
    kept = s > cutoff
    inverse_s = np.zeros_like(s)
    inverse_s[kept] = 1.0 / s[kept]
    return (Vt.T * inverse_s) @ U.T


def lora_factors(W, r):
    """Split the best rank-`r` approximation of `W` into LoRA factors ``B @ A``.

    Parameters
    ----------
    W : array_like of shape (d_out, d_in)
    r : int
        LoRA rank, ``1 <= r <= min(d_out, d_in)``.

    Returns
    -------
    B : ndarray of shape (d_out, r)
    A : ndarray of shape (r, d_in)
        ``B @ A`` equals ``rank_k_approx(W, r)``.

    Notes
    -----
    The singular values are split evenly, ``B = U_r diag(sqrt(s_r))`` and
    ``A = diag(sqrt(s_r)) Vt_r``, so both factors have the same scale. Any
    other split with the same product is equally right.
    """
    W = np.asarray(W, dtype=float)
    if not 1 <= r <= min(W.shape):
        raise ValueError(f"r must satisfy 1 <= r <= min(d_out, d_in) = {min(W.shape)}, got r = {r}")
    U, s, Vt = np.linalg.svd(W, full_matrices=False)
    root = np.sqrt(s[:r])
    return U[:, :r] * root, root[:, None] * Vt[:r]


def lora_compression_ratio(d_out, d_in, r):
    """Return how many times fewer parameters LoRA factors have than the full matrix.

    Parameters
    ----------
    d_out, d_in : int
        Shape of the full weight matrix.
    r : int
        LoRA rank.

    Returns
    -------
    float
        ``d_out * d_in / (r * (d_out + d_in))``: full parameters over the
        parameters of ``B`` (``d_out * r``) and ``A`` (``r * d_in``).
    """
    return float(d_out * d_in / (r * (d_out + d_in)))
