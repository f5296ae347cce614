"""Reference solutions of ps1_eigen_pca: eigendecomposition, PCA, power iteration, Markov chains.

Every function converts its inputs to floating point and never changes the
caller's arrays.
"""

from __future__ import annotations

import numpy as np


def _fix_column_signs(vectors: np.ndarray) -> np.ndarray:
    """Flip each column so that its entry of largest magnitude is positive.

    An eigenvector is defined only up to a factor of -1. Fixing the sign this
    way makes the reference output the same on every platform and LAPACK build.
    """
    if vectors.size == 0:
        return vectors
    rows = np.argmax(np.abs(vectors), axis=0)
    signs = np.sign(vectors[rows, np.arange(vectors.shape[1])])
    signs[signs == 0] = 1.0
    return vectors * signs


def eigh_descending(A):
    """Eigendecompose a symmetric matrix, largest eigenvalue first.

    Parameters
    ----------
    A : array_like of shape (d, d)
        Symmetric matrix.

    Returns
    -------
    eigenvalues : ndarray of shape (d,)
        Eigenvalues in descending (algebraic, not absolute) order.
    eigenvectors : ndarray of shape (d, d)
        Orthonormal columns; column ``i`` is a unit eigenvector for
        ``eigenvalues[i]``.

    Notes
    -----
    ``numpy.linalg.eigh`` returns ascending eigenvalues, so both outputs are
    reversed, the eigenvectors along their columns.
    """
    A = np.asarray(A, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    eigenvalues = eigenvalues[::-1].copy()
    eigenvectors = _fix_column_signs(eigenvectors[:, ::-1])
    return eigenvalues, eigenvectors


def reconstruct_from_eigh(eigenvalues, eigenvectors):
    """Rebuild ``V diag(eigenvalues) V^T`` from an eigendecomposition.

    Parameters
    ----------
    eigenvalues : array_like of shape (d,)
    eigenvectors : array_like of shape (d, d)
        Eigenvectors ``V`` as columns.

    Returns
    -------
    ndarray of shape (d, d)
    """
    eigenvalues = np.asarray(eigenvalues, dtype=float)
    eigenvectors = np.asarray(eigenvectors, dtype=float)
    # Multiplying V by the eigenvalues broadcasts over columns, which equals
    # V @ diag(eigenvalues) without forming the diagonal matrix.
    return (eigenvectors * eigenvalues) @ eigenvectors.T


def covariance_matrix(X):
    """Compute the sample covariance matrix of the columns of `X`.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Data, one sample per row, with ``n >= 2``.

    Returns
    -------
    ndarray of shape (d, d)
        ``Xc^T Xc / (n - 1)`` with ``Xc`` the column-centred data.
    """
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"covariance_matrix needs at least 2 samples (rows), got n = {n}")
    centred = X - X.mean(axis=0)
    return centred.T @ centred / (n - 1)


def pca(X, k):
    """Compute the top-`k` principal components from the covariance matrix.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Data, one sample per row.
    k : int
        Number of components, ``1 <= k <= d``.

    Returns
    -------
    components : ndarray of shape (d, k)
        Unit eigenvectors of the covariance matrix for its `k` largest
        eigenvalues, largest first, as columns.
    explained_variance : ndarray of shape (k,)
        Those eigenvalues: the variance of the data along each component.
    explained_variance_ratio : ndarray of shape (k,)
        ``explained_variance`` divided by the total variance.

    Notes
    -----
    The total variance is ``trace(C)``, the sum of all `d` eigenvalues of the
    covariance matrix ``C``, so the ratios of the top `k` components sum to
    less than 1 unless ``k`` covers every direction with nonzero variance.
    """
    X = np.asarray(X, dtype=float)
    d = X.shape[1]
    if not 1 <= k <= d:
        raise ValueError(f"k must satisfy 1 <= k <= d = {d}, got k = {k}")
    covariance = covariance_matrix(X)
    eigenvalues, eigenvectors = eigh_descending(covariance)
    explained_variance = eigenvalues[:k].copy()
    explained_variance_ratio = explained_variance / np.trace(covariance)
    return eigenvectors[:, :k].copy(), explained_variance, explained_variance_ratio


def pca_project(X, components):
    """Project the centred data onto the given components.

    Parameters
    ----------
    X : array_like of shape (n, d)
    components : array_like of shape (d, k)
        Directions as columns.

    Returns
    -------
    ndarray of shape (n, k)
        ``(X - column means of X) @ components``.
    """
    X = np.asarray(X, dtype=float)
    components = np.asarray(components, dtype=float)
    return (X - X.mean(axis=0)) @ components


def power_iteration(A, num_iters=1000):
    """Estimate the dominant eigenpair of `A` by power iteration.

    Parameters
    ----------
    A : array_like of shape (d, d)
    num_iters : int, default 1000
        Number of multiplications by `A`.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``v^T A v`` of the final vector.
    eigenvector : ndarray of shape (d,)
        The final unit vector ``v``.

    Notes
    -----
    The iteration starts from the all-ones vector scaled to unit length. Each
    step computes ``A v`` and rescales it to unit length, so the component
    along the eigenvector of largest ``|eigenvalue|`` grows relative to the
    others by the ratio of the two largest ``|eigenvalues|`` per step. When
    that eigenvalue is negative, ``v`` flips sign at every step, and the
    Rayleigh quotient still returns the signed eigenvalue.
    """
    A = np.asarray(A, dtype=float)
    vector = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(num_iters):
        product = A @ vector
        vector = product / np.linalg.norm(product)
    eigenvalue = float(vector @ A @ vector)
    return eigenvalue, vector


def stationary_distribution(P):
    """Compute the stationary distribution of an irreducible, aperiodic Markov chain.

    Parameters
    ----------
    P : array_like of shape (m, m)
        Row-stochastic transition matrix: ``P[i, j]`` is the probability of
        moving from state ``i`` to state ``j``.

    Returns
    -------
    ndarray of shape (m,)
        ``pi >= 0`` with ``sum(pi) = 1`` and ``pi P = pi``.

    Notes
    -----
    ``pi P = pi`` is the linear system ``(P^T - I) pi = 0``, whose solutions
    form a line for an irreducible chain. Appending the row ``1^T pi = 1``
    picks the one point on that line that is a probability vector, and the
    stacked system has full column rank, so least squares solves it exactly.
    """
    P = np.asarray(P, dtype=float)
    m = P.shape[0]
    system = np.vstack([P.T - np.eye(m), np.ones((1, m))])
    right_hand_side = np.zeros(m + 1)
    right_hand_side[-1] = 1.0
    pi, *_ = np.linalg.lstsq(system, right_hand_side, rcond=None)
    # Rounding can leave entries of size 1e-17 below zero, and a probability cannot be negative.
    pi = np.clip(pi, 0.0, None)
    return pi / pi.sum()
