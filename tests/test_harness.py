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
