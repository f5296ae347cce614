"""Reference solutions of ps3_ols: matrix calculus and ordinary least squares.

Every function converts its array arguments to floating point first, so
integer input gives floating-point results, and none of them writes into an
argument.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def grad_quadratic_form(A, x):
    """Compute the gradient of the quadratic form ``x^T A x``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Any square matrix; it need not be symmetric.
    x : ndarray of shape (n,)
        The point at which the gradient is taken.

    Returns
    -------
    ndarray of shape (n,)
        ``(A + A^T) x``.

    Notes
    -----
    ``x^T A x = sum_ij A_ij x_i x_j``, so its derivative in ``x_k`` is
    ``sum_j A_kj x_j + sum_i A_ik x_i``, which is row ``k`` of ``(A + A^T) x``.
    Only for a symmetric ``A`` does this reduce to ``2 A x``.
    """
    A = np.asarray(A, dtype=float)
    x = np.asarray(x, dtype=float)
    return (A + A.T) @ x


def grad_least_squares(A, x, b):
    """Compute the gradient of the squared residual ``||A x - b||^2``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    x : ndarray of shape (n,)
    b : ndarray of shape (m,)

    Returns
    -------
    ndarray of shape (n,)
        ``2 A^T (A x - b)``.

    Notes
    -----
    With the residual ``r = A x - b``, ``||r||^2 = r^T r`` and
    ``dr/dx = A``, so the chain rule gives ``2 A^T r``.
    """
    A = np.asarray(A, dtype=float)
    x = np.asarray(x, dtype=float)
    b = np.asarray(b, dtype=float)
    residual = A @ x - b
    return 2.0 * (A.T @ residual)


def ols_closed_form(X, y):
    """Fit ordinary least squares: the ``beta`` that minimises ``||y - X beta||^2``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Design matrix of full column rank. It already contains any intercept
        column, so none is added here.
    y : ndarray of shape (n,)
        Targets.

    Returns
    -------
    ndarray of shape (d,)
        The least-squares coefficients.

    Notes
    -----
    Setting the gradient ``-2 X^T (y - X beta)`` to zero gives the normal
    equations ``X^T X beta = X^T y``. Forming ``X^T X`` squares the condition
    number of ``X``, so this uses ``numpy.linalg.lstsq``, which works on
    ``X`` itself through its SVD.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return beta


def ridge_closed_form(X, y, lam):
    """Fit ridge regression: ``(X^T X + lam I)^{-1} X^T y``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Design matrix; every coefficient is penalised, including that of an
        intercept column if ``X`` has one.
    y : ndarray of shape (n,)
        Targets.
    lam : float
        Penalty weight, ``lam > 0``.

    Returns
    -------
    ndarray of shape (d,)
        The ridge coefficients.

    Notes
    -----
    The gradient of ``||y - X beta||^2 + lam ||beta||^2`` is
    ``-2 X^T (y - X beta) + 2 lam beta``; setting it to zero gives
    ``(X^T X + lam I) beta = X^T y``. For ``lam > 0`` the matrix is
    symmetric positive definite, also when ``n < d``, so a linear solve is
    safe and no inverse is formed.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    gram = X.T @ X + lam * np.eye(X.shape[1])
    return np.linalg.solve(gram, X.T @ y)


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps=1e-6):
    """Estimate the gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        Maps an ndarray of shape (n,) to a scalar.
    x : ndarray of shape (n,)
        The point; integer arrays are allowed and are not modified.
    eps : float, default 1e-6
        The step along each coordinate axis.

    Returns
    -------
    ndarray of shape (n,)
        Entry ``i`` is ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)``.

    Notes
    -----
    The central difference is exact for quadratics and has error of order
    ``eps^2`` otherwise, against order ``eps`` for the forward difference.
    The point is copied to floating point first, because adding ``eps`` to
    an entry of an integer array would truncate it back to the integer.
    """
    x = np.array(x, dtype=float)
    gradient = np.zeros(x.size)
    for i in range(x.size):
        step = np.zeros(x.size)
        step[i] = eps
        gradient[i] = (f(x + step) - f(x - step)) / (2.0 * eps)
    return gradient


def gradient_check(f: Callable[[np.ndarray], float], grad_f: Callable[[np.ndarray], np.ndarray], x, eps=1e-6):
    """Measure how far an analytic gradient is from the central-difference estimate.

    Parameters
    ----------
    f : callable
        Maps an ndarray of shape (n,) to a scalar.
    grad_f : callable
        The gradient to check; maps an ndarray of shape (n,) to shape (n,).
    x : ndarray of shape (n,)
        The point at which both gradients are taken.
    eps : float, default 1e-6
        Step of `numerical_gradient`.

    Returns
    -------
    float
        ``||g - g_num|| / (||g|| + ||g_num||)`` with 2-norms, where
        ``g = grad_f(x)`` and ``g_num = numerical_gradient(f, x, eps)``; 0.0
        when both norms are zero.

    Notes
    -----
    The value lies in ``[0, 1]``: about 1e-8 or less for a correct gradient,
    near 1 for a gradient with the wrong sign or of the wrong size.
    """
    x = np.asarray(x, dtype=float)
    analytic = np.asarray(grad_f(x.copy()), dtype=float)
    numerical = numerical_gradient(f, x, eps)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numerical) / denominator)
