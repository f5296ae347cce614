"""Staged comparison of a student's result with the reference result.

Every helper checks in a fixed order and stops at the first failure: the kind
of value, its shape, that it is finite, its values, then properties.  A
failure raises `CheckFailure` with the stage and a message written for the
student, in the spirit of ``numpy.testing.assert_allclose``: what was
compared, the tolerance, how many entries differ, by how much and where.

Tolerances are relative to the magnitude of the expected value: an entry
passes when ``|got - expected| <= atol + rtol * |expected|`` with
``atol = rtol * max|expected|`` (or the caller's `atol` when larger), so a
result of size 1e6 is held to the same number of correct digits as one of
size 1.
"""

from __future__ import annotations

import numbers
import unicodedata
from typing import Any, Sequence

import numpy as np

from autograder.i18n import join_sentences, translator

_ = translator("autograder")

STAGES = ("kind", "shape", "finite", "values", "property")

# Entries shown in a message are limited, so a large array cannot flood feedback.
_MAX_SHOWN_POSITIONS = 3


class CheckFailure(AssertionError):
    """A student's result that failed one stage of a check.

    Attributes
    ----------
    stage : str
        One of ``kind``, ``shape``, ``finite``, ``values``, ``property``.
    message : str
        The explanation for the student, already translated.
    """

    def __init__(self, stage: str, message: str):
        if stage not in STAGES:
            raise ValueError(f"unknown check stage {stage!r}; use one of {STAGES}")
        super().__init__(message)
        self.stage = stage
        self.message = message


def _type_name(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"ndarray(dtype={value.dtype}, shape={value.shape})"
    # A value the sandbox could not send (bytes, a generator) arrives as a
    # wrapper that carries the original type's name.
    wire_name = getattr(value, "wire_type_name", None)
    if isinstance(wire_name, str):
        return wire_name
    return type(value).__name__


def _format_shape(shape: Sequence[int]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _format_number(value: float) -> str:
    return f"{value:.6g}"


def _format_index(index: tuple[int, ...]) -> str:
    if not index:
        return ""
    return "[" + ", ".join(str(i) for i in index) + "]"


def as_numeric_array(got: Any, what: str) -> np.ndarray:
    """Convert `got` to a real or complex ndarray, or fail at the ``kind`` stage."""
    __tracebackhide__ = True
    if got is None:
        raise CheckFailure("kind", _("{what}: expected an array, got None. Did the function forget to return?").format(what=what))
    if isinstance(got, (str, bytes, dict, set)) or hasattr(got, "wire_type_name"):
        raise CheckFailure("kind", _("{what}: expected an array of numbers, got {type}.").format(what=what, type=_type_name(got)))
    try:
        array = np.asarray(got)
    except (ValueError, TypeError):
        raise CheckFailure("kind", _("{what}: expected an array of numbers, got {type} that NumPy cannot turn into an array.").format(what=what, type=_type_name(got))) from None
    if array.dtype == bool or array.dtype.kind not in "biufc":
        raise CheckFailure("kind", _("{what}: expected an array of numbers, got {type}.").format(what=what, type=_type_name(array)))
    return array


def expect_tuple(got: Any, length: int, what: str) -> tuple:
    """Check that `got` is a tuple or list of `length` items and return it as a tuple."""
    __tracebackhide__ = True
    if not isinstance(got, (tuple, list)):
        raise CheckFailure("kind", _("{what}: expected a tuple of {length} values, got {type}.").format(what=what, length=length, type=_type_name(got)))
    if len(got) != length:
        raise CheckFailure("kind", _("{what}: expected a tuple of {length} values, got {count}.").format(what=what, length=length, count=len(got)))
    return tuple(got)


def _check_shape(array: np.ndarray, expected: np.ndarray, what: str) -> None:
    __tracebackhide__ = True
    if array.shape != expected.shape:
        raise CheckFailure("shape", _("{what}: shape is wrong: expected {expected}, got {got}.").format(what=what, expected=_format_shape(expected.shape), got=_format_shape(array.shape)))


def _check_finite(array: np.ndarray, expected: np.ndarray, what: str) -> None:
    __tracebackhide__ = True
    bad = ~np.isfinite(array) & np.isfinite(expected)
    if bad.any():
        count = int(bad.sum())
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if array.ndim else ()
        raise CheckFailure("finite", _("{what}: {count} of {size} entries are nan or inf (first at {where}: {value}); expected finite numbers. Look for a division by zero or an overflow.").format(what=what, count=count, size=array.size, where=_format_index(first) or _("the value"), value=array[first] if array.ndim else array))


def _tolerance(expected: np.ndarray, rtol: float, atol: float | None) -> float:
    finite = np.abs(expected[np.isfinite(expected)]) if expected.size else np.zeros(0)
    scale = float(finite.max()) if finite.size else 0.0
    floor = rtol * scale
    if atol is not None:
        floor = max(floor, atol)
    # An all-zero expected value still needs a tolerance for rounding error.
    return max(floor, rtol * 1e-3)


def _check_values(array: np.ndarray, expected: np.ndarray, what: str, rtol: float, atol: float | None) -> None:
    __tracebackhide__ = True
    tol = _tolerance(expected, rtol, atol)
    with np.errstate(invalid="ignore", over="ignore"):
        difference = np.abs(array.astype(np.complex128 if np.iscomplexobj(array) else np.float64) - expected)
        # A non-finite expected entry must be matched exactly (inf by inf, nan by nan).
        allowed = np.where(np.isfinite(expected), tol + rtol * np.abs(expected), -1.0)
        same_nonfinite = ~np.isfinite(expected) & (array == expected)
        nan_both = np.isnan(expected) & np.isnan(array)
        mismatch = ~((difference <= allowed) | same_nonfinite | nan_both)
    if not mismatch.any():
        return
    count = int(mismatch.sum())
    worst_flat = int(np.argmax(np.where(mismatch, np.nan_to_num(difference, nan=np.inf), -1.0)))
    worst = np.unravel_index(worst_flat, array.shape) if array.ndim else ()
    worst_abs = float(np.nan_to_num(difference[worst], nan=np.inf))
    denominator = abs(complex(expected[worst])) if np.iscomplexobj(expected) else abs(float(expected[worst]))
    worst_rel = worst_abs / denominator if denominator > 0 else float("inf")
    if array.ndim == 0:
        raise CheckFailure("values", _("{what}: value is wrong: expected {expected}, got {got} (difference {abs_diff}, allowed {tol}).").format(what=what, expected=_format_number(float(np.real(expected))), got=_format_number(float(np.real(array))), abs_diff=_format_number(worst_abs), tol=_format_number(tol)))
    message = _("{what}: {count} of {size} entries differ by more than the tolerance (rtol = {rtol:g}, scaled to the largest expected magnitude: allowed absolute difference {tol}).").format(what=what, count=count, size=array.size, rtol=rtol, tol=_format_number(tol))
    message = join_sentences(message, _("Largest difference {abs_diff} (relative {rel_diff}) at {where}: expected {expected}, got {got}.").format(abs_diff=_format_number(worst_abs), rel_diff=_format_number(worst_rel), where=_format_index(tuple(int(i) for i in worst)), expected=_format_number(float(np.real(expected[worst]))), got=_format_number(float(np.real(array[worst])))))
    raise CheckFailure("values", message)


def expect_array(got: Any, expected: Any, what: str, rtol: float = 1e-6, atol: float | None = None) -> np.ndarray:
    """Check kind, shape, finiteness and values of an array result; return it as an ndarray."""
    __tracebackhide__ = True
    array = as_numeric_array(got, what)
    expected = np.asarray(expected)
    _check_shape(array, expected, what)
    _check_finite(array, expected, what)
    _check_values(array, expected, what, rtol, atol)
    return array


def expect_scalar(got: Any, expected: Any, what: str, rtol: float = 1e-6, atol: float | None = None) -> float:
    """Check that `got` is one real number close to `expected`; return it as a float."""
    __tracebackhide__ = True
    if isinstance(got, (bool, np.bool_)) or got is None or isinstance(got, (str, bytes)):
        raise CheckFailure("kind", _("{what}: expected a number, got {type}.").format(what=what, type=_type_name(got)))
    if isinstance(got, np.ndarray):
        if got.ndim != 0:
            raise CheckFailure("kind", _("{what}: expected one number (a scalar), got an array of shape {shape}. Use float(...) or .item() to return a single value.").format(what=what, shape=_format_shape(got.shape)))
        got = got[()]
    if not isinstance(got, (numbers.Real, np.floating, np.integer)):
        raise CheckFailure("kind", _("{what}: expected a number, got {type}.").format(what=what, type=_type_name(got)))
    value = float(got)
    expected_value = float(expected)
    if not np.isfinite(value) and np.isfinite(expected_value):
        raise CheckFailure("finite", _("{what}: got {value}, expected a finite number. Look for a division by zero or an overflow.").format(what=what, value=value))
    _check_values(np.asarray(value), np.asarray(expected_value), what, rtol, atol)
    return value


def _align_column_signs(array: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Flip each column of `array` so that its dot product with `expected`'s column is >= 0."""
    if array.ndim == 1:
        return -array if float(np.real(np.vdot(expected, array))) < 0 else array
    dots = np.real(np.sum(np.conj(expected) * array, axis=0))
    return array * np.where(dots < 0, -1.0, 1.0)


def expect_sign_free_columns(got: Any, expected: Any, what: str, rtol: float = 1e-6, atol: float | None = None) -> np.ndarray:
    """Compare columns (or one vector) up to a factor of -1 each; return the sign-aligned array."""
    __tracebackhide__ = True
    array = as_numeric_array(got, what)
    expected = np.asarray(expected)
    _check_shape(array, expected, what)
    _check_finite(array, expected, what)
    aligned = _align_column_signs(array, expected)
    _check_values(aligned, expected, what + _(" (column signs ignored)"), rtol, atol)
    return aligned


def _eigenvalue_groups(eigenvalues: np.ndarray, rtol: float) -> list[list[int]]:
    """Group consecutive indices whose eigenvalues agree within `rtol` of the largest magnitude."""
    scale = max(float(np.max(np.abs(eigenvalues))), 1e-300) if eigenvalues.size else 1.0
    # Repeated eigenvalues from a floating-point decomposition agree to about
    # machine precision times the scale; 1e3 * rtol leaves room for that while
    # still separating the clearly distinct eigenvalues the tests use.
    gap = max(rtol * 1e3, 1e-8) * scale
    groups: list[list[int]] = []
    for index, value in enumerate(eigenvalues):
        if groups and abs(value - eigenvalues[groups[-1][-1]]) <= gap:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def expect_eigenbasis(got_vectors: Any, expected_vectors: Any, eigenvalues: Any, what: str, rtol: float = 1e-6) -> np.ndarray:
    """Compare eigenvector columns sign-free, and as subspaces where eigenvalues repeat.

    For a repeated eigenvalue any orthonormal basis of its eigenspace is
    right, so those columns are compared through the projector ``V_g V_g^T``,
    which does not depend on the basis chosen.
    """
    __tracebackhide__ = True
    array = as_numeric_array(got_vectors, what)
    expected = np.asarray(expected_vectors, dtype=float)
    _check_shape(array, expected, what)
    _check_finite(array, expected, what)
    if array.ndim != 2:
        return expect_sign_free_columns(array, expected, what, rtol)
    aligned = array.astype(float).copy()
    for group in _eigenvalue_groups(np.asarray(eigenvalues, dtype=float), rtol):
        if len(group) == 1:
            column = group[0]
            aligned[:, column] = _align_column_signs(aligned[:, column], expected[:, column])
            _check_values(aligned[:, column], expected[:, column], _("{what}, column {column} (sign ignored)").format(what=what, column=column), rtol, None)
        else:
            got_projector = aligned[:, group] @ aligned[:, group].T
            expected_projector = expected[:, group] @ expected[:, group].T
            _check_values(got_projector, expected_projector, _("{what}, columns {columns} (a repeated eigenvalue: any orthonormal basis of the same subspace is right; compared as projectors)").format(what=what, columns=", ".join(str(c) for c in group)), max(rtol, 1e-6), None)
    return aligned


def expect_orthonormal_columns(got: Any, what: str, rtol: float = 1e-6) -> np.ndarray:
    """Check that the columns of `got` are orthonormal."""
    __tracebackhide__ = True
    array = as_numeric_array(got, what)
    if array.ndim != 2:
        raise CheckFailure("shape", _("{what}: expected a 2-d array of column vectors, got shape {shape}.").format(what=what, shape=_format_shape(array.shape)))
    gram = array.T @ array
    deviation = float(np.max(np.abs(gram - np.eye(array.shape[1])))) if gram.size else 0.0
    if not deviation <= max(rtol, 1e-9) * 10:
        raise CheckFailure("property", _("{what}: the columns are not orthonormal (V^T V differs from the identity by up to {deviation}). Each column must have length 1 and be orthogonal to the others.").format(what=what, deviation=_format_number(deviation)))
    return array


def expect_symmetric(got: Any, what: str, rtol: float = 1e-6) -> np.ndarray:
    """Check that the square array `got` equals its transpose within `rtol` of its largest entry."""
    __tracebackhide__ = True
    array = as_numeric_array(got, what)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise CheckFailure("shape", _("{what}: expected a square matrix, got shape {shape}.").format(what=what, shape=_format_shape(array.shape)))
    scale = float(np.max(np.abs(array))) if array.size else 0.0
    asymmetry = float(np.max(np.abs(array - array.T))) if array.size else 0.0
    if asymmetry > rtol * max(scale, 1.0):
        raise CheckFailure("property", _("{what}: the matrix is not symmetric (entries differ from their transpose by up to {asymmetry}).").format(what=what, asymmetry=_format_number(asymmetry)))
    return array


def expect_string(got: Any, expected: str, what: str) -> str:
    """Check that `got` is a string equal to `expected` once surrounding spaces are removed."""
    __tracebackhide__ = True
    if not isinstance(got, str):
        raise CheckFailure("kind", _("{what}: expected a string, got {type}.").format(what=what, type=_type_name(got)))
    if got.strip() != expected:
        raise CheckFailure("values", _("{what}: expected {expected!r}, got {got!r}.").format(what=what, expected=expected, got=got[:80]))
    return got.strip()


def expect_true(condition: bool, message: str, stage: str = "property") -> None:
    """Fail at `stage` with `message` unless `condition` holds."""
    __tracebackhide__ = True
    if not condition:
        raise CheckFailure(stage, message)


def normalize_choice(value: str) -> str:
    """Return a multiple-choice answer in canonical form: NFKC-normalised, stripped, upper case.

    NFKC maps full-width letters and spaces, which a Chinese input method
    types, to their ASCII forms, so ``"Ｂ"`` and ``" b "`` both become ``"B"``.
    """
    return unicodedata.normalize("NFKC", value).strip().upper()


def expect_choice(got: Any, expected: str, what: str, choices: str) -> str:
    """Check that `got` is the letter `expected` among `choices`, ignoring case and surrounding spaces."""
    __tracebackhide__ = True
    letters = _("{first} or {last}").format(first=", ".join(choices[:-1]), last=choices[-1])
    if not isinstance(got, str):
        raise CheckFailure("kind", _("{what} should be one letter in quotes ({letters}), such as {what} = \"{example}\"; got {type}.").format(what=what, letters=letters, example=choices[0], type=_type_name(got)))
    answer = normalize_choice(got)
    if len(answer) != 1 or answer not in choices:
        shown = got if len(got) <= 20 else got[:20] + "…"
        raise CheckFailure("kind", _("{what} should be one of the letters {letters}; got {got!r}.").format(what=what, letters=letters, got=shown))
    if answer != expected:
        raise CheckFailure("values", _("Your answer {what} = {got} is not correct; the correct answer is {expected}.").format(what=what, got=answer, expected=expected))
    return answer
