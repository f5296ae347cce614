"""Per-function comparison rules and catalogues of known mistakes.

Each problem set has a module here whose ``FUNCTIONS`` dict maps a function
name to its `FunctionSpec`.  The hidden tests look specs up through
`get_spec`, so the reference, the comparison and the mistakes of a function
are declared once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from autograder import ASSIGNMENTS


@dataclass(frozen=True)
class Mistake:
    """A known wrong way to write a function, recognised in student results."""

    id: str
    """Stable identifier ``<function>.<snake_case>``, stored in result files."""
    title: str
    """Short name of the mistake: an English message id marked with ``N_``."""
    hint: str
    """What to change, in one or two sentences: an English message id marked with ``N_``."""
    implementation: Optional[Callable[..., Any]] = None
    """The mistake written out, with the function's signature."""
    detect: Optional[Callable[[Any, Any, Any], bool]] = None
    """``detect(got, expected, case)``: true when the student's result shows the mistake."""

    def __post_init__(self) -> None:
        if self.implementation is None and self.detect is None:
            raise ValueError(f"mistake {self.id!r} needs an implementation or a detect function")


@dataclass(frozen=True)
class FunctionSpec:
    """Everything the grader needs to check one exercise function."""

    name: str
    """The function name students define, as in the exercise contract."""
    reference: Callable[..., Any]
    """The reference implementation in ``solutions``."""
    compare: Callable[[Any, Any, Any], None]
    """``compare(got, expected, case)`` raises ``checks.CheckFailure`` on a wrong result."""
    mistakes: list[Mistake] = field(default_factory=list)
    """Known mistakes, most specific first."""


def matches(compare: Callable[[Any, Any, Any], None], got: Any, candidate: Any, case: Any) -> bool:
    """Return True when `got` passes `compare` against `candidate`, as a mistake's detector needs."""
    from autograder.checks import CheckFailure

    try:
        compare(got, candidate, case)
    except CheckFailure:
        return False
    return True


def load_catalogue(assignment: str) -> dict[str, FunctionSpec]:
    """Return the ``FUNCTIONS`` dict of `assignment`."""
    if assignment not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENTS)}")
    module = importlib.import_module(f"autograder.catalogue.{assignment}")
    return module.FUNCTIONS


def get_spec(assignment: str, function: str) -> FunctionSpec:
    """Return the spec of `function` in `assignment`."""
    catalogue = load_catalogue(assignment)
    try:
        return catalogue[function]
    except KeyError:
        raise KeyError(f"{assignment} has no function {function!r} in its catalogue") from None


def find_mistake_domain(mistake_id: str) -> str:
    """Return the translation domain of a mistake id: its assignment, or ``autograder`` for shared ones."""
    function = mistake_id.split(".", 1)[0]
    for assignment in ASSIGNMENTS:
        try:
            if function in load_catalogue(assignment):
                return assignment
        except ImportError:
            continue
    return "autograder"
