"""Grade every student-like implementation in tests/corpus with the real grader.

Each entry ``corpus/<assignment>/<function>/<name>.py`` defines one function
and declares ``EXPECT = "valid"`` or the id of the mistake it makes.  It is
put into the source notebook in place of that function's solution, and the
notebook is graded in the sandbox.  A valid entry must get full marks on its
function, a mistake must lose points there with its mistake id named, and no
entry may change the score of any other function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from autograder.batch import grade_batch
from autograder.rubric import load_rubric
from conftest import FAST_LIMITS, source_notebook, with_solution, write_notebook

CORPUS = Path(__file__).with_name("corpus")


def corpus_entries() -> list[tuple[str, str, Path]]:
    entries = []
    for path in sorted(CORPUS.glob("*/*/*.py")):
        entries.append((path.parts[-3], path.parts[-2], path))
    return entries


def read_entry(path: Path) -> tuple[str, str]:
    """Return (expectation, notebook cell source) of a corpus entry."""
    text = path.read_text(encoding="utf-8")
    module = ast.parse(text)
    expect = None
    for node in module.body:
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "EXPECT" for target in node.targets):
            expect = ast.literal_eval(node.value)
    if expect is None:
        raise ValueError(f"{path} has no EXPECT")
    lines = [line for line in text.splitlines() if not line.startswith("EXPECT")]
    return expect, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def graded_corpus(tmp_path_factory) -> dict[Path, object]:
    """Grade all entries in one parallel batch per assignment; map entry path to its result."""
    folder = tmp_path_factory.mktemp("corpus")
    by_assignment: dict[str, list[tuple[str, Path]]] = {}
    for assignment, function, path in corpus_entries():
        _expect, source = read_entry(path)
        notebook = with_solution(source_notebook(assignment), function, source)
        name = f"{function}__{path.stem}"
        write_notebook(notebook, folder / f"{assignment}-entries" / f"{name}.ipynb")
        by_assignment.setdefault(assignment, []).append((name, path))
    results = {}
    for assignment, items in by_assignment.items():
        graded = grade_batch([folder / f"{assignment}-entries"], assignment, folder / f"out-{assignment}", jobs=2, limits=FAST_LIMITS)
        by_name = {result.submission: result for result in graded}
        for name, path in items:
            results[path] = by_name[name]
    return results


@pytest.mark.parametrize("assignment, function, path", corpus_entries(), ids=[f"{function}/{path.stem}" for _a, function, path in corpus_entries()])
def test_corpus_entry(assignment, function, path, graded_corpus):
    expect, _source = read_entry(path)
    result = graded_corpus[path]
    rubric = load_rubric(assignment)
    assert result.status == "graded"
    scores = {name: score for name, (score, _maximum) in result.function_scores().items()}
    others = {name: score for name, score in scores.items() if name != function}
    assert others == {name: rubric.function_points(name) for name in others}, "points lost on other functions"
    own_tests = [test for test in result.tests if test.function == function]
    if expect == "valid":
        assert [(test.name, test.message) for test in own_tests if test.status != "passed"] == []
    else:
        assert scores[function] < rubric.function_points(function), "the mistake was not caught"
        diagnosed = {test.mistake for test in own_tests if test.mistake}
        assert expect in diagnosed, f"expected diagnosis {expect}, got {diagnosed or 'none'}: " + " | ".join(test.message for test in own_tests if test.status != "passed")
