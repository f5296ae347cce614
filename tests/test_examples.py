"""The bundled sample submissions get the scores their authors intended."""

import tomllib

import pytest

from autograder.batch import grade_batch
from autograder.rubric import load_rubric
from conftest import EXAMPLES, FAST_LIMITS

MANIFEST = tomllib.loads((EXAMPLES / "manifest.toml").read_text(encoding="utf-8"))
SAMPLES = [(assignment, student) for assignment, students in MANIFEST.items() for student in students]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    results = {}
    for assignment in MANIFEST:
        out = tmp_path_factory.mktemp(f"out-{assignment}")
        for result in grade_batch([EXAMPLES / "submitted"], assignment, out, jobs=2, limits=FAST_LIMITS):
            results[assignment, result.submission] = result
    return results


def test_every_sample_is_built():
    for assignment, student in SAMPLES:
        assert (EXAMPLES / "submitted" / student / assignment / f"{assignment}.ipynb").exists()


@pytest.mark.parametrize("assignment, student", SAMPLES, ids=[f"{a}/{s}" for a, s in SAMPLES])
def test_sample_score(assignment, student, graded):
    spec = MANIFEST[assignment][student]
    result = graded[assignment, student]
    rubric = load_rubric(assignment)
    assert result.status == "graded"
    wrong = set(spec.get("wrong", []))
    for function, (score, maximum) in result.function_scores().items():
        if function in wrong:
            assert score < maximum, f"{function} was meant to lose points"
        else:
            assert score == maximum == rubric.function_points(function), f"{function} was meant to be right"
    assert result.score == spec["score"]


@pytest.mark.parametrize("assignment, student", [sample for sample in SAMPLES if "code" in MANIFEST[sample[0]][sample[1]]], ids=lambda value: value)
def test_sample_mistakes_are_named(assignment, student, graded):
    """Functions filled from a corpus mistake name that mistake in their feedback."""
    from test_corpus import CORPUS, read_entry

    result = graded[assignment, student]
    for function, entry in MANIFEST[assignment][student]["code"].items():
        expect, _source = read_entry(CORPUS / assignment / function / f"{entry}.py")
        if expect != "valid":
            assert expect in {test.mistake for test in result.tests if test.function == function}
