"""Shared fixtures of the kit's own test suite."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest

from autograder.grader import grade_notebook
from autograder.i18n import set_language
from autograder.sandbox.session import Limits

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
EXAMPLES = ROOT / "examples"

# Short limits keep the suite fast; the fixtures that test timeouts set their own.
FAST_LIMITS = Limits(cell_seconds=10.0, call_seconds=5.0)


@pytest.fixture(autouse=True)
def _english_by_default():
    """Pin the language so message assertions do not depend on the environment."""
    set_language("en")
    yield
    set_language(None)


def source_notebook(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)


def with_solution(notebook: nbformat.NotebookNode, function: str, source: str) -> nbformat.NotebookNode:
    """Return a copy of `notebook` whose solution cell for `function` holds `source`."""
    result = copy.deepcopy(notebook)
    for cell in result.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") == function:
            cell.source = source
            return result
    raise KeyError(f"no solution cell for {function}")


def write_notebook(notebook: nbformat.NotebookNode, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def grade(path: Path, assignment: str, limits: Limits = FAST_LIMITS, submission: str | None = None):
    return grade_notebook(path, assignment, submission=submission, limits=limits)


def scores_by_function(result) -> dict[str, float]:
    return {name: score for name, (score, _maximum) in result.function_scores().items()}
