"""The comparison engine: stages, tolerances, canonical forms and message formats."""

import numpy as np
import pytest

from autograder import checks
from autograder.checks import CheckFailure
from autograder.i18n import language


def failure(callable_, *args, **kwargs) -> CheckFailure:
    with pytest.raises(CheckFailure) as info:
        callable_(*args, **kwargs)
    return info.value


def test_array_none_is_kind_failure():
    error = failure(checks.expect_array, None, np.zeros(3), "f")
    assert error.stage == "kind"
    assert error.message == "f: expected an array, got None. Did the function forget to return?"


def test_array_shape_message():
    error = failure(checks.expect_array, np.zeros((3, 2)), np.zeros((2, 3)), "pca's components")
    assert error.stage == "shape"
    assert error.message == "pca's components: shape is wrong: expected (2, 3), got (3, 2)."


def test_array_nan_is_finite_failure():
    got = np.array([1.0, np.nan, 3.0])
    error = failure(checks.expect_array, got, np.ones(3), "v")
    assert error.stage == "finite"
    assert "1 of 3 entries are nan or inf (first at [1]: nan)" in error.message


def test_array_values_message_names_worst_entry():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = expected.copy()
    got[1, 0] = 3.5
    error = failure(checks.expect_array, got, expected, "A")
    assert error.stage == "values"
    assert error.message.startswith("A: 1 of 4 entries differ by more than the tolerance (rtol = 1e-06")
    assert "Largest difference 0.5 (relative 0.166667) at [1, 0]: expected 3, got 3.5." in error.message


def test_tolerance_scales_with_magnitude():
    expected = np.array([1e6, 2e6])
    checks.expect_array(expected * (1 + 5e-7), expected, "big")
    small_entry = np.array([1e6, 1e-3])
    # An entry far below the largest one is held to the scale of the largest.
    checks.expect_array(small_entry + np.array([0.0, 0.5]), small_entry, "mixed")
    with pytest.raises(CheckFailure):
        checks.expect_array(expected * (1 + 1e-4), expected, "big")


def test_integer_result_accepted_as_array():
    checks.expect_array(np.array([1, 2, 3]), np.array([1.0, 2.0, 3.0]), "v")


def test_string_is_kind_failure_for_array():
    assert failure(checks.expect_array, "oops", np.zeros(2), "v").stage == "kind"


def test_scalar_accepts_python_numpy_and_0d():
    for value in (2.0, 2, np.float64(2.0), np.array(2.0), np.int64(2)):
        assert checks.expect_scalar(value, 2.0, "s") == 2.0


def test_scalar_rejects_one_element_array():
    error = failure(checks.expect_scalar, np.array([2.0]), 2.0, "s")
    assert error.stage == "kind"
    assert "got an array of shape (1,)" in error.message


def test_scalar_infinity_expected():
    assert checks.expect_scalar(float("inf"), float("inf"), "kappa") == float("inf")
    assert failure(checks.expect_scalar, 1e300, float("inf"), "kappa").stage == "values"


def test_sign_free_columns_accept_flips():
    expected = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    got = expected * np.array([-1.0, 1.0])
    checks.expect_sign_free_columns(got, expected, "V")
    with pytest.raises(CheckFailure):
        checks.expect_array(got, expected, "V")


def test_sign_free_vector():
    checks.expect_sign_free_columns(-np.array([0.6, 0.8]), np.array([0.6, 0.8]), "v")


def test_eigenbasis_repeated_eigenvalue_any_basis():
    eigenvalues = np.array([3.0, 1.0, 1.0])
    expected = np.eye(3)
    angle = 0.7
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    got = expected.copy()
    got[:, 1:] = expected[:, 1:] @ rotation
    got[:, 0] *= -1
    checks.expect_eigenbasis(got, expected, eigenvalues, "V")


def test_eigenbasis_distinct_eigenvalues_must_match():
    eigenvalues = np.array([3.0, 2.0, 1.0])
    got = np.eye(3)[:, [0, 2, 1]]
    error = failure(checks.expect_eigenbasis, got, np.eye(3), eigenvalues, "V")
    assert error.stage == "values"
    assert "column 1" in error.message


def test_orthonormal_columns_property():
    checks.expect_orthonormal_columns(np.linalg.qr(np.arange(12.0).reshape(4, 3) + np.eye(4, 3))[0], "Q")
    assert failure(checks.expect_orthonormal_columns, np.ones((3, 2)), "Q").stage == "property"


def test_symmetric_property():
    checks.expect_symmetric(np.array([[2.0, 1.0], [1.0, 3.0]]), "H")
    assert failure(checks.expect_symmetric, np.array([[2.0, 1.0], [0.0, 3.0]]), "H").stage == "property"


def test_tuple_length_message():
    error = failure(checks.expect_tuple, (1, 2), 3, "pca")
    assert error.message == "pca: expected a tuple of 3 values, got 2."


def test_string_strips_spaces():
    assert checks.expect_string(" minimum ", "minimum", "kind") == "minimum"
    assert failure(checks.expect_string, "Minimum", "minimum", "kind").stage == "values"


def test_message_in_traditional_chinese():
    with language("zh_TW"):
        error = failure(checks.expect_array, np.zeros((3, 2)), np.zeros((2, 3)), "V")
    assert error.message == "V:shape 不對,預期 (2, 3),得到 (3, 2)。"
