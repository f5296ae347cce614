"""The harness's per-process cache of reference results and mistaken outputs."""

from __future__ import annotations

import numpy as np
import pytest

from autograder import harness
from autograder.catalogue import FunctionSpec, Mistake
from autograder.checks import CheckFailure
from autograder.harness import Case, ChildFunction, case_digest, diagnose


class Counting:
    """A reference that counts its calls and returns the column sums of its argument."""

    def __init__(self):
        self.calls = 0

    def __call__(self, A):
        self.calls += 1
        return np.asarray(A).sum(axis=0)


def _compare_equal(got, expected, case):
    if not np.array_equal(got, expected):
        raise CheckFailure("values", f"expected {expected}, got {got}")


@pytest.fixture(autouse=True)
def empty_cache():
    harness._result_cache.clear()
    yield
    harness._result_cache.clear()


def test_reference_cached_for_equal_cases():
    reference = Counting()
    spec = FunctionSpec(name="column_sums", reference=reference, compare=_compare_equal)
    # Two separately built but equal cases, as two submissions' test runs build them.
    first = harness._reference_result(spec, Case((np.arange(6.0).reshape(2, 3),), "a"))
    second = harness._reference_result(spec, Case((np.arange(6.0).reshape(2, 3),), "a"))
    assert reference.calls == 1
    np.testing.assert_array_equal(first, [3.0, 5.0, 7.0])
    np.testing.assert_array_equal(second, [3.0, 5.0, 7.0])


def test_reference_recomputed_for_other_arguments():
    reference = Counting()
    spec = FunctionSpec(name="column_sums", reference=reference, compare=_compare_equal)
    harness._reference_result(spec, Case((np.arange(6.0).reshape(2, 3),), "a"))
    other = harness._reference_result(spec, Case((np.arange(6.0).reshape(3, 2),), "a"))
    assert reference.calls == 2
    np.testing.assert_array_equal(other, [6.0, 9.0])


def test_reference_cache_survives_changed_expected():
    spec = FunctionSpec(name="column_sums", reference=Counting(), compare=_compare_equal)
    case = Case((np.ones((2, 2)),), "a")
    expected = harness._reference_result(spec, case)
    expected[:] = -1.0
    np.testing.assert_array_equal(harness._reference_result(spec, case), [2.0, 2.0])


def test_digest_separates_shape_dtype_source():
    digests = {
        case_digest(Case((np.zeros((2, 3)),), "")),
        case_digest(Case((np.zeros((3, 2)),), "")),
        case_digest(Case((np.zeros((2, 3), dtype=np.float32),), "")),
        case_digest(Case((np.zeros((2, 3)), 1), "")),
        case_digest(Case((np.zeros((2, 3)), 1.0), "")),
        case_digest(Case((ChildFunction("def f(x):\n    return x\n"),), "")),
        case_digest(Case((ChildFunction("def f(x):\n    return 2 * x\n"),), "")),
    }
    assert None not in digests
    assert len(digests) == 7


def test_reference_uncached_without_digest():
    class Opaque:
        pass

    calls = []
    spec = FunctionSpec(name="f", reference=lambda value: calls.append(value) or 1, compare=_compare_equal)
    case = Case((Opaque(),), "a")
    assert case_digest(case) is None
    harness._reference_result(spec, case)
    harness._reference_result(spec, case)
    assert len(calls) == 2


def test_diagnose_caches_raising_mistake():
    calls = []

    def breaks_on_input(A):
        calls.append(1)
        raise np.linalg.LinAlgError("not for this input")

    spec = FunctionSpec(
        name="column_sums",
        reference=Counting(),
        compare=_compare_equal,
        mistakes=[
            Mistake(id="column_sums.raises", title="t", hint="h", implementation=breaks_on_input),
            Mistake(id="column_sums.row_sums", title="t", hint="h", implementation=lambda A: np.asarray(A).sum(axis=1)),
        ],
    )
    case = Case((np.arange(6.0).reshape(2, 3),), "a")
    for _ in range(3):
        mistake = diagnose(spec, np.array([3.0, 12.0]), np.array([3.0, 5.0, 7.0]), case)
        assert mistake is not None and mistake.id == "column_sums.row_sums"
    assert len(calls) == 1


class _FixedResult:
    """A student backend whose every function returns one fixed value."""

    def __init__(self, value):
        self.value = value

    def call(self, function, args):
        return harness.CallOutcome(value=self.value, args_after=args)


def test_result_property_passes_when_it_holds():
    case = Case((np.ones(2),), "a")
    harness.check_result_property(_FixedResult(0.5), "f", case, lambda value: value > 0.1, "got {value}")


def test_result_property_failure_names_value():
    case = Case((np.ones(2),), "two ones")
    with pytest.raises(harness.FunctionCheckFailed) as info:
        harness.check_result_property(_FixedResult(0.0), "f", case, lambda value: value > 0.1, "f returned {value}")
    assert info.value.stage == "property"
    assert info.value.message == "f returned 0.0"
    assert info.value.case is case


def test_result_property_fails_on_wrong_kind():
    case = Case((np.ones(2),), "a")
    with pytest.raises(harness.FunctionCheckFailed):
        harness.check_result_property(_FixedResult(None), "f", case, lambda value: float(value) > 0.1, "f returned {value}")


def _ps3_namespace(gradient_check_source):
    from autograder.grader import COURSE_SETUP
    from solutions import ps3_ols

    namespace = {}
    exec(COURSE_SETUP, namespace)
    namespace.update({name: getattr(ps3_ols, name) for name in dir(ps3_ols) if not name.startswith("_")})
    exec(gradient_check_source, namespace)
    return namespace


def test_gradient_check_returning_zero_scores_half_point():
    from autograder.testrun import LocalStudent, run_hidden_tests

    namespace = _ps3_namespace("def gradient_check(f, grad_f, x, eps=1e-6):\n    return 0.0\n")
    results = run_hidden_tests("ps3_ols", LocalStudent(namespace), functions=["gradient_check"])
    scores = {result.name: result.score for result in results}
    assert scores == {
        "test_gradient_check_correct_gradient": 0.0,
        "test_gradient_check_wrong_gradient": 0.0,
        "test_gradient_check_zero_gradient": 0.0,
        "test_gradient_check_integer_point": 0.0,
        "test_gradient_check_inputs_unchanged": 0.5,
    }


def test_gradient_check_absolute_error_keeps_large_error_points():
    from autograder.testrun import LocalStudent, run_hidden_tests

    source = (
        "def gradient_check(f, grad_f, x, eps=1e-6):\n"
        "    return float(np.linalg.norm(grad_f(x) - numerical_gradient(f, x, eps)))\n"
    )
    results = run_hidden_tests("ps3_ols", LocalStudent(_ps3_namespace(source)), functions=["gradient_check"])
    passed = {result.name for result in results if result.status == "passed"}
    # The absolute error is still large for a wrong gradient, so only the value tests fail.
    assert passed == {"test_gradient_check_correct_gradient", "test_gradient_check_zero_gradient", "test_gradient_check_inputs_unchanged"}
