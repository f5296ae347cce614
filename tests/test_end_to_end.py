"""The whole pipeline on the course's own notebooks: source, release and the command line."""

import csv
import json
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import ASSIGNMENTS
from autograder.rubric import load_rubric
from conftest import RELEASE, ROOT, SOURCE, grade, scores_by_function, write_notebook


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def executed_source(request, tmp_path_factory):
    """The source notebook executed in a real Jupyter kernel, as an instructor runs it."""
    assignment = request.param
    notebook = nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)
    folder = tmp_path_factory.mktemp(assignment)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return assignment, write_notebook(notebook, folder / f"{assignment}.ipynb"), notebook


@pytest.mark.slow
def test_source_notebook_runs_without_errors(executed_source):
    _assignment, _path, notebook = executed_source
    errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs if output.output_type == "error"]
    assert errors == []


@pytest.mark.slow
def test_source_hidden_cells_award_full_points_in_kernel(executed_source):
    assignment, _path, notebook = executed_source
    rubric = load_rubric(assignment)
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            function = meta["grade_id"][len("test_"):]
            results = [output for output in cell.outputs if output.output_type == "execute_result"]
            assert len(results) == 1, f"hidden-test cell of {function} shows no points"
            assert float(results[0]["data"]["text/plain"]) == rubric.function_points(function)


@pytest.mark.slow
def test_executed_source_gets_full_marks(executed_source):
    assignment, path, _notebook = executed_source
    result = grade(path, assignment)
    assert result.status == "graded"
    failures = [(test.name, test.message) for test in result.tests if test.status != "passed"]
    assert failures == []
    assert result.score == result.max_score == load_rubric(assignment).max_score


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_scores_zero(assignment):
    result = grade(RELEASE / assignment / f"{assignment}.ipynb", assignment)
    assert result.status == "graded"
    assert result.score == 0
    # A quiz answer cell left as released raises before it sets the answer.
    expected = "missing" if assignment == "quiz" else "not_implemented"
    assert {test.status for test in result.tests} == {expected}
    assert set(scores_by_function(result).values()) == {0.0}


def test_grading_twice_gives_same_result_file(tmp_path):
    assignment = "ps1_eigen_pca"
    path = SOURCE / assignment / f"{assignment}.ipynb"
    first = json.dumps(grade(path, assignment).to_dict(), sort_keys=True)
    second = json.dumps(grade(path, assignment).to_dict(), sort_keys=True)
    assert first == second


def test_command_line_grades_nbgrader_layout(tmp_path):
    assignment = "ps1_eigen_pca"
    submitted = tmp_path / "submitted"
    for student in ("alice", "bob", "carol"):
        (submitted / student / assignment).mkdir(parents=True)
    shutil.copy(SOURCE / assignment / f"{assignment}.ipynb", submitted / "alice" / assignment / f"{assignment}.ipynb")
    shutil.copy(RELEASE / assignment / f"{assignment}.ipynb", submitted / "bob" / assignment / f"{assignment}.ipynb")
    (submitted / "carol" / assignment / f"{assignment}.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "--assignment", assignment, "--out", str(out), "--jobs", "2", "--lang", "en", str(submitted)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    maximum = load_rubric(assignment).max_score
    alice = json.loads((out / "alice.json").read_text(encoding="utf-8"))
    bob = json.loads((out / "bob.json").read_text(encoding="utf-8"))
    carol = json.loads((out / "carol.json").read_text(encoding="utf-8"))
    assert (alice["score"], alice["max_score"], alice["status"]) == (maximum, maximum, "graded")
    assert (bob["score"], bob["status"]) == (0, "graded")
    assert (carol["score"], carol["status"]) == (0, "invalid_notebook")
    assert "not a Jupyter notebook" in carol["messages"][0]
    for test in alice["tests"]:
        assert set(test) >= {"name", "function", "score", "max_score", "status", "message", "mistake"}
    with open(out / "gradebook.csv", encoding="utf-8") as stream:
        rows = {row["submission"]: row for row in csv.DictReader(stream)}
    assert set(rows) == {"alice", "bob", "carol"}
    assert float(rows["alice"]["score"]) == maximum
    assert float(rows["bob"]["pca"]) == 0.0


def test_rerun_skips_graded_submissions(tmp_path):
    assignment = "ps1_eigen_pca"
    notebook = shutil.copy(RELEASE / assignment / f"{assignment}.ipynb", tmp_path / "dana.ipynb")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autograder", "grade", "-a", assignment, "-o", str(out), str(notebook)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result_file = out / "dana.json"
    stamp = result_file.stat().st_mtime_ns
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    assert result_file.stat().st_mtime_ns == stamp
    subprocess.run([*command, "--regrade"], check=True, capture_output=True, timeout=300)
    assert result_file.stat().st_mtime_ns != stamp


def test_discover_names(tmp_path):
    from autograder.batch import discover

    assignment = "ps1_eigen_pca"
    for relative in ["submitted/alice/ps1_eigen_pca/ps1_eigen_pca.ipynb", "submitted/bob/ps1_eigen_pca/ps1_eigen_pca.ipynb", "submitted/bob/ps2_svd/ps2_svd.ipynb", "loose/ps1_eigen_pca/chen hw1.ipynb", "loose/ps1_eigen_pca/林同學.ipynb"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("{}", encoding="utf-8")
    assert [item.name for item in discover([tmp_path / "submitted"], assignment)] == ["alice", "bob"]
    assert [item.name for item in discover([tmp_path / "submitted" / "alice"], assignment)] == ["alice"]
    assert sorted(item.name for item in discover([tmp_path / "loose" / assignment], assignment)) == ["chen_hw1", "林同學"]


def test_results_identical_whatever_jobs(tmp_path):
    """Parallel grading writes byte-identical result files and gradebook."""
    from autograder.batch import grade_batch
    from conftest import EXAMPLES, FAST_LIMITS

    assignment = "ps3_ols"
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        grade_batch([EXAMPLES / "submitted"], assignment, out, jobs=jobs, limits=FAST_LIMITS)
        outputs[jobs] = {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.name != "timings.csv"}
    assert outputs[1] == outputs[2]
    assert "gradebook.csv" in outputs[1]
    assert len(outputs[1]) == 7


def test_empty_function_earns_no_inputs_unchanged_points(tmp_path):
    from conftest import source_notebook, with_solution, write_notebook

    notebook = with_solution(source_notebook("ps3_ols"), "grad_quadratic_form", "def grad_quadratic_form(A, x):\n    pass")
    result = grade(write_notebook(notebook, tmp_path / "ps3_ols.ipynb"), "ps3_ols")
    tests = {test.name: test for test in result.tests if test.function == "grad_quadratic_form"}
    unchanged = tests["test_grad_quadratic_form_inputs_unchanged"]
    assert unchanged.score == 0
    assert unchanged.stage == "kind"
    assert "right kind and shape" in unchanged.message
    assert scores_by_function(result)["grad_quadratic_form"] == 0
    assert result.score == load_rubric("ps3_ols").max_score - load_rubric("ps3_ols").function_points("grad_quadratic_form")


def test_notebook_of_another_set_gets_a_visible_message():
    result = grade(ROOT / "examples" / "submitted" / "wang_xiaoming" / "ps1_eigen_pca" / "ps1_eigen_pca.ipynb", "ps3_ols")
    assert result.score == 0
    assert any("defines none of the names that ps3_ols grades" in message for message in result.messages)
    untouched = grade(RELEASE / "quiz" / "quiz.ipynb", "quiz")
    assert not any("defines none" in message for message in untouched.messages)


def test_batch_leaves_no_template_folders(tmp_path):
    import tempfile
    from pathlib import Path

    from autograder.batch import grade_batch
    from conftest import EXAMPLES, FAST_LIMITS

    def template_folders():
        return set(Path(tempfile.gettempdir()).glob("matcalc-template-*"))

    before = template_folders()
    grade_batch([EXAMPLES / "submitted" / "lin_yuting", EXAMPLES / "submitted" / "wang_xiaoming"], "ps3_ols", tmp_path / "out", jobs=2, limits=FAST_LIMITS)
    assert template_folders() - before == set()
