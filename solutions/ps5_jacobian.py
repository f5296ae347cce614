"""Reference solutions of ps5_jacobian: Jacobians, quadratic forms, trace and the Hadamard product.

Every function converts its array arguments to floating point first, so
integer input gives floating-point results, and none of them writes into an
argument.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_jacobian(f: Callable[[np.ndarray], np.ndarray], x, eps=1e-6):
    """Estimate the Jacobian of a vector function by central differences.

    Parameters
    ----------
    f : callable
        Maps an ndarray of shape (n,) to an ndarray of shape (m,).
    x : ndarray of shape (n,)
        The point; integer arrays are allowed and are not modified.
    eps : float, default 1e-6
        The step along each coordinate axis.

    Returns
    -------
    ndarray of shape (m, n)
        ``J[i, j] = d f_i / d x_j``: row ``i`` is the gradient of output
        ``i``, column ``j`` the change of every output along ``x_j``.

    Notes
    -----
    Column ``j`` is ``(f(x + eps e_j) - f(x - eps e_j)) / (2 eps)``. Its
    truncation error is of order ``eps^2``, while a forward difference
    ``(f(x + eps e_j) - f(x)) / eps`` has an error of order ``eps``.
    """
    x = np.array(x, dtype=float)
    steps = np.eye(x.size) * eps
    columns = [
        (np.asarray(f(x + step), dtype=float) - np.asarray(f(x - step), dtype=float)) / (2.0 * eps)
        for step in steps
    ]
    return np.column_stack(columns)


def spectral_norm(M):
    """Compute the spectral norm (2-norm) of a matrix: its largest singular value.

    Parameters
    ----------
    M : ndarray of shape (m, n)
        Any real matrix, square or not.

    Returns
    -------
    float
        ``max ||M v||_2`` over unit vectors ``v``.

    Notes
    -----
    For a symmetric matrix this equals the largest ``|eigenvalue|``, but for
    a general square matrix it does not, and it is never larger than the
    Frobenius norm ``sqrt(sum of all s_i^2)``.
    """
    singular_values = np.linalg.svd(np.asarray(M, dtype=float), compute_uv=False)
    return float(singular_values[0])


def rnn_jacobian_norms(W_hh, tanh_derivs):
    """Compute the spectral norms of the products of an RNN's step Jacobians.

    Parameters
    ----------
    W_hh : ndarray of shape (h, h)
        Hidden-to-hidden weight matrix.
    tanh_derivs : ndarray of shape (T, h)
        Row ``t`` contains ``1 - tanh(a_t)^2``, the derivative of the activation
        at step ``t``.

    Returns
    -------
    ndarray of shape (T,)
        Entry ``t`` is ``||P_{t+1}||_2``, where ``J_t = diag(tanh_derivs[t]) @
        W_hh``, ``P_0 = I`` and ``P_t = J_t @ P_{t-1}``.

    Notes
    -----
    ``P_t`` is ``d h_t / d h_0``, by the chain rule applied from the latest
    step backwards, so each new Jacobian multiplies from the left. Scaling
    the rows of ``W_hh`` by ``tanh_derivs[t]`` is the same as multiplying by
    the diagonal matrix, without forming it.
    """
    W_hh = np.asarray(W_hh, dtype=float)
    tanh_derivs = np.asarray(tanh_derivs, dtype=float)
    product = np.eye(W_hh.shape[0])
    norms = np.empty(tanh_derivs.shape[0])
    for t, derivs in enumerate(tanh_derivs):
        step_jacobian = derivs[:, np.newaxis] * W_hh
        product = step_jacobian @ product
        norms[t] = spectral_norm(product)
    return norms


def quadratic_form(A, x):
    """Evaluate the quadratic form ``x^T A x``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Any square matrix; only its symmetric part affects the value.
    x : ndarray of shape (n,)

    Returns
    -------
    float
    """
    A = np.asarray(A, dtype=float)
    x = np.asarray(x, dtype=float)
    return float(x @ A @ x)


def mahalanobis(x, mean, cov):
    """Compute the Mahalanobis distance of `x` from a distribution.

    Parameters
    ----------
    x : ndarray of shape (d,)
        The point.
    mean : ndarray of shape (d,)
        The mean of the distribution.
    cov : ndarray of shape (d, d)
        Its covariance matrix, symmetric positive definite.

    Returns
    -------
    float
        ``sqrt((x - mean)^T cov^{-1} (x - mean))``.

    Notes
    -----
    ``cov^{-1} (x - mean)`` is obtained by solving ``cov z = x - mean``,
    which is more accurate than forming the inverse.
    """
    difference = np.asarray(x, dtype=float) - np.asarray(mean, dtype=float)
    cov = np.asarray(cov, dtype=float)
    squared = difference @ np.linalg.solve(cov, difference)
    # Rounding can make a squared distance near 0 slightly negative.
    return float(np.sqrt(max(squared, 0.0)))


def total_variance(X):
    """Compute the total variance: the trace of the sample covariance matrix.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Data, one sample per row; ``n >= 2``.

    Returns
    -------
    float
        ``trace(Xc^T Xc) / (n - 1)`` with ``Xc`` the centred data, which is
        the sum of the column variances and the sum of the eigenvalues of the
        covariance matrix.

    Notes
    -----
    The trace needs only the diagonal, so the full ``(d, d)`` covariance
    matrix is never formed.
    """
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    return float(np.sum(centred**2) / (X.shape[0] - 1))


def lstm_cell_state(f, c_prev, i, c_tilde):
    """Compute the new LSTM cell state ``f ⊙ c_prev + i ⊙ c_tilde``.

    Parameters
    ----------
    f : ndarray of shape (h,)
        Forget gate, entries in [0, 1].
    c_prev : ndarray of shape (h,)
        Previous cell state.
    i : ndarray of shape (h,)
        Input gate, entries in [0, 1].
    c_tilde : ndarray of shape (h,)
        Candidate cell state.

    Returns
    -------
    ndarray of shape (h,)
        The element-wise (Hadamard) combination.
    """
    f = np.asarray(f, dtype=float)
    i = np.asarray(i, dtype=float)
    return f * np.asarray(c_prev, dtype=float) + i * np.asarray(c_tilde, dtype=float)


def inverted_dropout(h, mask, p):
    """Apply inverted dropout: ``h ⊙ mask / (1 - p)``.

    Parameters
    ----------
    h : ndarray
        Activations, of any shape.
    mask : ndarray of the same shape as `h`
        1 where the unit is kept and 0 where it is dropped.
    p : float
        Drop probability, ``0 <= p < 1``.

    Returns
    -------
    ndarray of the same shape as `h`

    Notes
    -----
    Dividing by the keep probability ``1 - p`` keeps the expected value of
    every activation unchanged, so nothing needs rescaling at test time.
    """
    h = np.asarray(h, dtype=float)
    return h * np.asarray(mask, dtype=float) / (1.0 - p)
