"""Reference solutions of ps4_newton: Taylor expansion, Newton's method and the Hessian.

Every function converts its array arguments to floating point first, so
integer input gives floating-point results, and none of them writes into an
argument.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def taylor_second_order(f0, g, H, dx):
    """Evaluate the second-order Taylor model ``f0 + g^T dx + 0.5 dx^T H dx``.

    Parameters
    ----------
    f0 : float
        Function value at the expansion point.
    g : ndarray of shape (n,)
        Gradient at the expansion point.
    H : ndarray of shape (n, n)
        Hessian at the expansion point.
    dx : ndarray of shape (n,)
        Displacement from the expansion point.

    Returns
    -------
    float
        The model's prediction of ``f(x + dx)``.
    """
    g = np.asarray(g, dtype=float)
    H = np.asarray(H, dtype=float)
    dx = np.asarray(dx, dtype=float)
    return float(f0 + g @ dx + 0.5 * dx @ H @ dx)


def numerical_hessian(f: Callable[[np.ndarray], float], x, eps=1e-4):
    """Estimate the Hessian of a scalar function by central differences of `f` alone.

    Parameters
    ----------
    f : callable
        Maps an ndarray of shape (n,) to a scalar.
    x : ndarray of shape (n,)
        The point; integer arrays are allowed and are not modified.
    eps : float, default 1e-4
        The step along each coordinate axis.

    Returns
    -------
    ndarray of shape (n, n)
        A symmetric estimate of the Hessian.

    Notes
    -----
    With ``h = eps`` and unit vectors ``e_i``, the diagonal uses the
    three-point formula ``(f(x + h e_i) - 2 f(x) + f(x - h e_i)) / h^2`` and
    each off-diagonal entry the four-point formula ``(f(x + h e_i + h e_j)
    - f(x + h e_i - h e_j) - f(x - h e_i + h e_j) + f(x - h e_i - h e_j))
    / (4 h^2)``. Both have truncation error of order ``h^2``. Rounding adds
    an error of about ``machine epsilon * |f| / h^2``, about ``1e-8 |f|`` for
    the default step, which is why the step is larger than the 1e-6 used for
    gradients. Entry ``(j, i)`` is copied from ``(i, j)``, so the result is
    exactly symmetric.
    """
    x = np.array(x, dtype=float)
    n = x.size
    h = eps
    unit = np.eye(n) * h
    center = f(x)
    hessian = np.empty((n, n))
    for i in range(n):
        hessian[i, i] = (f(x + unit[i]) - 2.0 * center + f(x - unit[i])) / h**2
        for j in range(i + 1, n):
            mixed = (
                f(x + unit[i] + unit[j])
                - f(x + unit[i] - unit[j])
                - f(x - unit[i] + unit[j])
                + f(x - unit[i] - unit[j])
            ) / (4.0 * h**2)
            hessian[i, j] = hessian[j, i] = mixed
    return hessian


def newton_step(grad: Callable[[np.ndarray], np.ndarray], hess: Callable[[np.ndarray], np.ndarray], x):
    """Take one Newton step from `x`: ``x - H(x)^{-1} grad(x)``.

    Parameters
    ----------
    grad : callable
        Maps an ndarray of shape (n,) to the gradient, shape (n,).
    hess : callable
        Maps an ndarray of shape (n,) to the Hessian, shape (n, n).
    x : ndarray of shape (n,)
        The current point.

    Returns
    -------
    ndarray of shape (n,)
        The new point.

    Notes
    -----
    The step ``p`` minimises the second-order Taylor model, so it solves
    ``H p = -grad(x)``. A linear solve does this without forming ``H^{-1}``.
    """
    x = np.array(x, dtype=float)
    gradient = np.asarray(grad(x.copy()), dtype=float)
    hessian = np.asarray(hess(x.copy()), dtype=float)
    return x - np.linalg.solve(hessian, gradient)


def newton_minimize(grad, hess, x0, tol=1e-10, max_iter=50):
    """Minimise by Newton's method until the gradient is small or `max_iter` steps are taken.

    Parameters
    ----------
    grad : callable
        Maps an ndarray of shape (n,) to the gradient, shape (n,).
    hess : callable
        Maps an ndarray of shape (n,) to the Hessian, shape (n, n).
    x0 : ndarray of shape (n,)
        The starting point.
    tol : float, default 1e-10
        The iteration stops before a step when ``||grad(x)||_2 < tol``.
    max_iter : int, default 50
        The largest number of Newton steps.

    Returns
    -------
    x : ndarray of shape (n,)
        The last point.
    num_iters : int
        The number of Newton steps taken: 0 when `x0` already meets the
        tolerance, 1 for a strictly convex quadratic, at most `max_iter`.
    """
    x = np.array(x0, dtype=float)
    for num_iters in range(max_iter):
        gradient = np.asarray(grad(x.copy()), dtype=float)
        if np.linalg.norm(gradient) < tol:
            return x, num_iters
        hessian = np.asarray(hess(x.copy()), dtype=float)
        x = x - np.linalg.solve(hessian, gradient)
    return x, max_iter


def classify_critical_point(H, tol=1e-8):
    """Classify a critical point from the eigenvalues of its Hessian.

    Parameters
    ----------
    H : ndarray of shape (n, n)
        Symmetric Hessian at the critical point.
    tol : float, default 1e-8
        Eigenvalues in ``[-tol, tol]`` count as zero.

    Returns
    -------
    str
        ``"minimum"`` if every eigenvalue is above `tol`, ``"maximum"`` if
        every eigenvalue is below ``-tol``, ``"saddle"`` if there are
        eigenvalues on both sides (zero eigenvalues besides them do not
        matter), otherwise ``"degenerate"``.
    """
    eigenvalues = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    positive = eigenvalues > tol
    negative = eigenvalues < -tol
    if positive.all():
        return "minimum"
    if negative.all():
        return "maximum"
    if positive.any() and negative.any():
        return "saddle"
    return "degenerate"


def condition_number(H):
    """Compute the 2-norm condition number ``sigma_max / sigma_min``.

    Parameters
    ----------
    H : ndarray of shape (n, n)

    Returns
    -------
    float
        The ratio of the largest to the smallest singular value, or ``inf``
        when `H` is singular.

    Notes
    -----
    `H` counts as singular when ``sigma_min <= sigma_max * n * machine
    epsilon``, the rank tolerance of ``numpy.linalg.matrix_rank``. Below that
    bound ``sigma_min`` is rounding noise, and dividing by it would give an
    arbitrary large number instead of ``inf``.
    """
    singular_values = np.linalg.svd(np.asarray(H, dtype=float), compute_uv=False)
    largest, smallest = singular_values[0], singular_values[-1]
    if smallest <= largest * max(np.shape(H)) * np.finfo(float).eps:
        return float("inf")
    return float(largest / smallest)


def _sigmoid(z):
    """Compute the logistic function without overflow for any real `z`."""
    decay = np.exp(-np.abs(z))  # exp of a non-positive number lies in [0, 1] and cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + decay), decay / (1.0 + decay))


def xgb_grad_hess(y, margin, loss):
    """Compute the first and second derivatives of a loss with respect to the margin.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Targets; 0 or 1 for ``loss="logistic"``.
    margin : ndarray of shape (n,)
        Current raw predictions (before any sigmoid).
    loss : {"squared", "logistic"}
        ``"squared"``: ``L = (y - margin)^2``. ``"logistic"``: the
        log-loss of ``p = sigmoid(margin)``.

    Returns
    -------
    g : ndarray of shape (n,)
        ``dL/dmargin``: ``2 (margin - y)`` or ``p - y``.
    h : ndarray of shape (n,)
        ``d^2L/dmargin^2``: ``2`` in every entry, or ``p (1 - p)``.

    Raises
    ------
    ValueError
        If `loss` is neither ``"squared"`` nor ``"logistic"``.

    Notes
    -----
    For the logistic loss ``p (1 - p)`` is computed as
    ``e / (1 + e)^2`` with ``e = exp(-|margin|)``, which stays finite and
    accurate for any margin, where ``1 - p`` would round to 0 for large
    margins.
    """
    y = np.asarray(y, dtype=float)
    margin = np.asarray(margin, dtype=float)
    if loss == "squared":
        return 2.0 * (margin - y), np.full(margin.shape, 2.0)
    if loss == "logistic":
        decay = np.exp(-np.abs(margin))
        return _sigmoid(margin) - y, decay / (1.0 + decay) ** 2
    raise ValueError(f"unknown loss {loss!r}; expected 'squared' or 'logistic'")


def xgb_leaf_weight(g, h, reg_lambda=1.0):
    """Compute the optimal leaf weight ``-sum(g) / (sum(h) + reg_lambda)``.

    Parameters
    ----------
    g, h : ndarray of shape (n,)
        First and second derivatives of the loss for the samples in the leaf.
    reg_lambda : float, default 1.0
        L2 penalty on the leaf weight.

    Returns
    -------
    float

    Notes
    -----
    The second-order model of the loss as a function of the leaf weight
    ``w`` is ``G w + 0.5 (H + lambda) w^2`` with ``G = sum(g)`` and
    ``H = sum(h)``; its minimiser is ``-G / (H + lambda)``.
    """
    g = np.asarray(g, dtype=float)
    h = np.asarray(h, dtype=float)
    return float(-g.sum() / (h.sum() + reg_lambda))


def xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    """Compute the gain of splitting a leaf into a left and a right child.

    Parameters
    ----------
    g_left, h_left : ndarray of shape (n_left,)
        Derivatives of the samples that go left.
    g_right, h_right : ndarray of shape (n_right,)
        Derivatives of the samples that go right.
    reg_lambda : float, default 1.0
        L2 penalty on leaf weights.
    gamma : float, default 0.0
        Cost of adding a leaf.

    Returns
    -------
    float
        ``0.5 * (G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda)
        - (G_L+G_R)^2/(H_L+H_R+lambda)) - gamma``.

    Notes
    -----
    ``G^2 / (H + lambda)`` is twice the loss decrease of a leaf at its
    optimal weight, so the gain is the decrease of the two children minus
    that of the parent, minus the cost of the extra leaf.
    """
    G_left = float(np.sum(np.asarray(g_left, dtype=float)))
    H_left = float(np.sum(np.asarray(h_left, dtype=float)))
    G_right = float(np.sum(np.asarray(g_right, dtype=float)))
    H_right = float(np.sum(np.asarray(h_right, dtype=float)))

    def score(G, H):
        return G**2 / (H + reg_lambda)

    parent = score(G_left + G_right, H_left + H_right)
    return 0.5 * (score(G_left, H_left) + score(G_right, H_right) - parent) - gamma
