"""What hidden tests use: cases, functions sent to the sandbox, and the checks.

A hidden test builds `Case` objects and hands them to `check_function`, which
computes the reference result here in the trusted process, calls the
student's function through the `student` fixture, compares the two with the
function's catalogue entry and, on a failure, looks for a known mistake that
explains the student's result.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import textwrap
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np

from autograder.catalogue import FunctionSpec, Mistake, get_spec
from autograder.checks import CheckFailure
from autograder.i18n import N_, join_sentences, translator
from autograder.sandbox.wire import FunctionSource

_ = translator("autograder")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Case:
    """One input on which a student's function is checked."""

    args: tuple
    """Positional arguments of the call."""
    description: str
    """Description of the kind of input, shown to the student; never the numbers."""


class ChildFunction(FunctionSource):
    """A function that hidden tests pass as an argument, defined from source text.

    The same source defines it here (for the reference and the mistakes) and
    in the sandbox (for the student's code), with ``np`` as its only global.
    """

    def __init__(self, source: str):
        source = textwrap.dedent(source).strip() + "\n"
        super().__init__(source)
        self._function = define_function(source)
        self.__name__ = self._function.__name__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"ChildFunction({self.__name__})"

    def __deepcopy__(self, memo: dict) -> "ChildFunction":
        return self


def define_function(source: str):
    """Execute `source` with NumPy as ``np`` and return the one function it defines."""
    namespace: dict[str, Any] = {"np": np, "__builtins__": __builtins__}
    exec(compile(source, "<test function>", "exec"), namespace)
    functions = [value for key, value in namespace.items() if callable(value) and key not in ("np", "__builtins__")]
    if len(functions) != 1:
        raise ValueError(f"function source must define exactly one function, found {len(functions)}")
    return functions[0]


class StudentCallError(Exception):
    """The student's function could not produce a result; the subclass gives the reason."""

    status = "error"
    repeated = False
    """True when the function was not called: an earlier call timed out or crashed the sandbox."""

    def __init__(self, function: str, detail: str = ""):
        super().__init__(f"{function}: {detail}" if detail else function)
        self.function = function
        self.detail = detail


class FunctionMissing(StudentCallError):
    """The notebook does not define the function (or defines something not callable)."""

    status = "missing"


class VariableMissing(StudentCallError):
    """The notebook does not set a variable the tests read, such as a quiz answer."""

    status = "missing"


class NotImplementedStub(StudentCallError):
    """The function still raises ``NotImplementedError``, as the release stub does."""

    status = "not_implemented"


class StudentRaised(StudentCallError):
    """The function raised an exception."""

    status = "error"

    def __init__(self, function: str, exception_type: str, exception_message: str, traceback_text: str = ""):
        super().__init__(function, f"{exception_type}: {exception_message}")
        self.exception_type = exception_type
        self.exception_message = exception_message
        self.traceback_text = traceback_text


class CallTimedOut(StudentCallError):
    """The call ran longer than the per-call time limit."""

    status = "timeout"


class SandboxCrashed(StudentCallError):
    """The sandbox process died during the call (``os._exit``, memory limit, a signal)."""

    status = "crashed"


@dataclass
class CallOutcome:
    """The result of one call of a student's function."""

    value: Any
    """The returned value, decoded from plain data."""
    args_after: Optional[tuple]
    """The arguments as they were after the call, to detect in-place changes."""


class FunctionCheckFailed(AssertionError):
    """A student's function gave a wrong result on one case."""

    def __init__(self, function: str, case: Case, failure: CheckFailure, mistake: Optional[Mistake]):
        super().__init__(failure.message)
        self.function = function
        self.case = case
        self.stage = failure.stage
        self.message = failure.message
        self.mistake = mistake


# Reference results and the outputs of mistaken implementations depend only
# on the test case, so a grading process computes each one once and reuses it
# for every later submission.  The key is a digest of the case's arguments,
# and a case with an argument of another type is computed every time.
_RESULT_CACHE_SIZE = 4096
_result_cache: dict[tuple[int, bytes], tuple[Any, bool, Any]] = {}


def _add_to_digest(digest: Any, value: Any, depth: int = 0) -> bool:
    """Feed `value` into `digest`; return False for a value with no stable digest."""
    if depth > 20:
        return False
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return False
        digest.update(f"a{value.dtype.str}{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
        return True
    if value is None or isinstance(value, (bool, int, float, complex, str, np.generic)):
        digest.update(f"s{type(value).__name__}:{value!r};".encode())
        return True
    if isinstance(value, FunctionSource):
        digest.update(f"f{len(value.source)}:{value.source}".encode())
        return True
    if isinstance(value, (tuple, list)):
        digest.update(f"{type(value).__name__}{len(value)}(".encode())
        return all(_add_to_digest(digest, item, depth + 1) for item in value)
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        digest.update(f"d{len(value)}(".encode())
        return all(_add_to_digest(digest, key, depth + 1) and _add_to_digest(digest, item, depth + 1) for key, item in value.items())
    return False


def case_digest(case: Case) -> Optional[bytes]:
    """Return a digest of the case's arguments, or None when an argument has no stable digest."""
    digest = hashlib.blake2b(digest_size=20)
    return digest.digest() if _add_to_digest(digest, case.args) else None


def _cached_call(compute: Any, case: Case) -> Any:
    """Return `compute(*args)` for the case, computed once per process and case.

    `compute` is a reference or a mistaken implementation from the catalogue,
    which is trusted code and receives only the test's own arguments.  An
    exception it raises is cached and raised again on every later request.
    """
    key = case_digest(case)
    if key is None:
        return compute(*copy.deepcopy(case.args))
    cache_key = (id(compute), key)
    cached = _result_cache.get(cache_key)
    if cached is None or cached[0] is not compute:
        try:
            cached = (compute, True, compute(*copy.deepcopy(case.args)))
        except Exception as error:
            cached = (compute, False, error)
        if len(_result_cache) >= _RESULT_CACHE_SIZE:
            _result_cache.clear()
        _result_cache[cache_key] = cached
    _compute, succeeded, result = cached
    if not succeeded:
        raise result.with_traceback(None)
    # A copy, so a check that changes its expected value cannot change the cache.
    return copy.deepcopy(result)


def _reference_result(spec: FunctionSpec, case: Case) -> Any:
    return _cached_call(spec.reference, case)


def diagnose(spec: FunctionSpec, got: Any, expected: Any, case: Case) -> Optional[Mistake]:
    """Return the first catalogued mistake whose output the student's result matches."""
    for mistake in spec.mistakes:
        try:
            if mistake.detect is not None and mistake.detect(got, expected, case):
                return mistake
            if mistake.implementation is None:
                continue
            mistaken = _cached_call(mistake.implementation, case)
        except Exception:  # a mistake that does not apply to this input
            log.debug("mistake %s does not apply to case %r", mistake.id, case.description, exc_info=True)
            continue
        try:
            spec.compare(got, mistaken, case)
        except CheckFailure:
            continue
        except Exception:
            log.debug("comparing with mistake %s failed", mistake.id, exc_info=True)
            continue
        return mistake
    return None


def _call(student: Any, function: str, case: Case) -> CallOutcome:
    """Call the student's function, attaching the case to any failure for the message."""
    try:
        return student.call(function, case.args)
    except StudentCallError as error:
        error.case = case
        raise


def check_function(student: Any, assignment: str, function: str, cases: Sequence[Case]) -> None:
    """Check the student's `function` on every case; raise on the first wrong result."""
    __tracebackhide__ = True
    spec = get_spec(assignment, function)
    for case in cases:
        expected = _reference_result(spec, case)
        outcome = _call(student, function, case)
        try:
            spec.compare(outcome.value, expected, case)
        except CheckFailure as failure:
            raise FunctionCheckFailed(function, case, failure, diagnose(spec, outcome.value, expected, case)) from None


def check_answer(student: Any, assignment: str, variable: str, description: str = "") -> None:
    """Check the value the notebook stored in `variable` (a quiz answer) against the reference."""
    __tracebackhide__ = True
    spec = get_spec(assignment, variable)
    case = Case(args=(), description=description)
    expected = spec.reference()
    try:
        got = student.value(variable)
    except StudentCallError as error:
        error.case = case
        raise
    try:
        spec.compare(got, expected, case)
    except CheckFailure as failure:
        raise FunctionCheckFailed(variable, case, failure, diagnose(spec, got, expected, case)) from None


def check_result_property(student: Any, function: str, case: Case, predicate: Any, message: str) -> None:
    """Fail with `message` unless `predicate(value)` is true for the student's result on `case`.

    For checks that the reference value alone cannot make: for example that
    a gradient check reports a large error for a wrong gradient, which a
    function returning 0 would not.  `message` may use ``{value}``.
    """
    __tracebackhide__ = True
    outcome = _call(student, function, case)
    try:
        satisfied = bool(predicate(outcome.value))
    except Exception:  # a result of the wrong kind does not have the property
        satisfied = False
    if not satisfied:
        text = repr(outcome.value)
        if len(text) > 80:
            text = text[:79] + "…"
        raise FunctionCheckFailed(function, case, CheckFailure("property", message.format(value=text)), None)


INPUTS_MODIFIED = Mistake(
    id="common.modifies_input",
    title=N_("Input array modified in place"),
    hint=N_("Work on a copy: X = X - mean creates a new array, while X -= mean or X[...] = ... changes the caller's array."),
    detect=lambda got, expected, case: True,
)


def _arrays_equal(before: Any, after: Any) -> bool:
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and bool(np.array_equal(before, after, equal_nan=True))
    return True


def check_inputs_unchanged(student: Any, assignment: str, function: str, cases: Sequence[Case]) -> None:
    """Fail when the student's function changes any array argument in place."""
    __tracebackhide__ = True
    spec = get_spec(assignment, function)
    for case in cases:
        outcome = _call(student, function, case)
        # Leaving the inputs alone earns points only together with a result:
        # an empty function (`pass`) must not score here.
        try:
            spec.compare(outcome.value, _reference_result(spec, case), case)
        except CheckFailure as failure:
            if failure.stage in ("kind", "shape"):
                message = join_sentences(failure.message, _("These points need a result of the right kind and shape as well as unchanged inputs."))
                raise FunctionCheckFailed(function, case, CheckFailure(failure.stage, message), None) from None
        if outcome.args_after is None:
            continue
        for position, (before, after) in enumerate(zip(case.args, outcome.args_after)):
            if not _arrays_equal(before, after):
                message = _("{function} changed its input argument {position} in place; the caller's array must stay as it was.").format(function=function, position=position + 1)
                raise FunctionCheckFailed(function, case, CheckFailure("property", message), INPUTS_MODIFIED)
