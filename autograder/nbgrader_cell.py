"""Entry point of the hidden-test cells that ``nbgrader autograde`` runs in the kernel.

The cell calls `run_hidden_tests` with the notebook's globals; the returned
number is the cell's last value, which nbgrader reads as partial credit.
Feedback goes to standard output only, because nbgrader gives zero points to
a cell that writes to standard error.
"""

from __future__ import annotations

from typing import Any, Mapping

from autograder.testrun import LocalStudent
from autograder.testrun import run_hidden_tests as _run


class Points(float):
    """Points earned, shown as a plain number so nbgrader can read it as partial credit."""

    def __repr__(self) -> str:
        return repr(float(self))


def run_hidden_tests(assignment: str, function: str, namespace: Mapping[str, Any]) -> Points:
    """Run the hidden tests of `function` on the notebook's own definitions; return the points earned."""
    results = _run(assignment, LocalStudent(namespace), functions=[function])
    for result in results:
        mark = "✓" if result.status == "passed" else "✗"
        line = f"{mark} {result.name}: {result.score:g}/{result.max_score:g}"
        if result.message:
            line += f"  {result.message}"
        print(line)
    return Points(sum(result.score for result in results))
