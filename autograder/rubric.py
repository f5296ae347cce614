"""Points of every hidden test, read from ``rubric/<assignment>.toml``.

The rubric is the one source of points: the grader's scores, the Gradescope
``max_score`` values and the nbgrader hidden-test cells all come from it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from autograder import ASSIGNMENTS

RUBRIC_DIR = Path(__file__).with_name("rubric")


@dataclass(frozen=True)
class RubricEntry:
    """One hidden test and the points it is worth."""

    test: str
    function: str
    points: float


@dataclass(frozen=True)
class Rubric:
    """The hidden tests of one assignment, grouped by function in notebook order."""

    assignment: str
    entries: tuple[RubricEntry, ...]

    @property
    def functions(self) -> list[str]:
        """Function names in the order the rubric lists them."""
        return list(dict.fromkeys(entry.function for entry in self.entries))

    @property
    def max_score(self) -> float:
        return sum(entry.points for entry in self.entries)

    def function_points(self, function: str) -> float:
        """Total points of `function`, the value of its nbgrader hidden-test cell."""
        return sum(entry.points for entry in self.entries if entry.function == function)

    def entries_for(self, function: str) -> list[RubricEntry]:
        return [entry for entry in self.entries if entry.function == function]

    def entry(self, test: str) -> RubricEntry:
        for entry in self.entries:
            if entry.test == test:
                return entry
        raise KeyError(f"{self.assignment}: test {test!r} is not in the rubric")


@lru_cache(maxsize=None)
def load_rubric(assignment: str) -> Rubric:
    """Read and validate ``rubric/<assignment>.toml``."""
    if assignment not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENTS)}")
    path = RUBRIC_DIR / f"{assignment}.toml"
    with path.open("rb") as stream:
        table = tomllib.load(stream)
    entries = []
    for function, tests in table.items():
        if not isinstance(tests, dict) or not tests:
            raise ValueError(f"{path}: [{function}] must map test names to points")
        for test, points in tests.items():
            if not test.startswith(f"test_{function}_"):
                raise ValueError(f"{path}: test {test!r} under [{function}] must be named test_{function}_<case>")
            if not isinstance(points, (int, float)) or points <= 0:
                raise ValueError(f"{path}: points of {test!r} must be a positive number, got {points!r}")
            entries.append(RubricEntry(test=test, function=function, points=float(points)))
    return Rubric(assignment=assignment, entries=tuple(entries))
