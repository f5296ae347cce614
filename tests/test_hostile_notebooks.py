"""Notebooks that stop, block, flood or attack the grader, graded by the real grader.

The fixtures live in tests/notebooks/ and are built by tests/notebooks/build.py.
Limits are short so the whole file runs in well under two minutes.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.grader import grade_notebook
from autograder.rubric import load_rubric
from autograder.sandbox.isolation import running_as_root
from autograder.sandbox.session import Limits, SandboxSession
from conftest import ROOT, SOURCE
from notebooks.build import LEAK_MARKER, imports_reference_solutions, patches_numpy_and_builtins, writes_outside
from test_broken_notebooks import LIMITS, NOTEBOOKS, RUBRIC, assert_full_marks_except

ASSIGNMENT = "ps1_eigen_pca"
HIDDEN_FILES_PROTECTION = "grader files, solutions and submissions hidden (private mount namespace)"


def grade_fixture(name: str, limits: Limits = LIMITS, **kwargs):
    return grade_notebook(NOTEBOOKS / name, ASSIGNMENT, limits=limits, **kwargs)


def cell_record(result, index: int):
    return next(cell for cell in result.cells if cell.index == index)


def processes_with_argv0(prefix: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if command.startswith(prefix.encode()):
            found.append(int(entry.name))
    return found


# -- code that stops the process ---------------------------------------------------


def test_sys_exit_in_cell_is_a_cell_error():
    result = grade_fixture("sys-exit-in-cell.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {})
    assert cell_record(result, 13).status == "error"
    assert result.messages == ["Cell 14 raised an error: SystemExit: stop here"]


def test_os_exit_in_cell_is_skipped_on_rerun():
    result = grade_fixture("os-exit-in-cell.ipynb")
    assert result.status == "graded"
    # Functions defined before and after the cell both count.
    assert_full_marks_except(result, {})
    assert cell_record(result, 13).status == "fatal"
    assert [cell.status for cell in result.cells].count("fatal") == 1
    assert len(result.messages) == 1
    assert "Cell 14 stopped the grader's Python process" in result.messages[0]


def test_exit_in_functions_costs_only_those_functions():
    result = grade_fixture("exit-in-functions.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"power_iteration": "crashed", "stationary_distribution": "error"})
    messages = {test.function: test.message for test in result.tests}
    assert "stationary_distribution raised SystemExit: 0" in messages["stationary_distribution"]
    power = [test.message for test in result.tests if test.function == "power_iteration"]
    assert len(power) > 1
    assert "The sandbox stopped while running power_iteration (process exited with code 3)" in power[0]
    for message in power[1:]:
        assert "power_iteration was not called for this test: the sandbox stopped during an earlier call (process exited with code 3)" in message


def test_input_raises_in_its_cell_only():
    result = grade_fixture("input-call.ipynb")
    assert_full_marks_except(result, {})
    assert result.messages == ["Cell 3 raised an error: EOFError: input() is not available while grading: give values in the code instead"]


def test_shell_lines_and_shell_magics_are_skipped():
    result = grade_fixture("shell-lines.ipynb")
    assert_full_marks_except(result, {})
    # The last inserted cell raises if a shell command created its file.
    assert [cell_record(result, index).status for index in (2, 3, 4, 5)] == ["ok", "ok", "ok", "ok"]
    assert result.messages == []


def test_magics_run():
    result = grade_fixture("magics.ipynb")
    assert_full_marks_except(result, {})
    assert {cell.status for cell in result.cells} == {"ok"}
    assert result.messages == []


def test_widgets_cost_only_their_cell():
    result = grade_fixture("widgets.ipynb")
    assert_full_marks_except(result, {})
    widget_cell = cell_record(result, 17)
    if importlib.util.find_spec("ipywidgets") is None:
        assert widget_cell.status == "error"
        assert "No module named 'ipywidgets'" in widget_cell.error
        assert len(result.messages) == 1
    else:
        assert widget_cell.status == "ok"
        assert result.messages == []


def test_plt_show_is_harmless():
    result = grade_fixture("plt-show.ipynb")
    assert_full_marks_except(result, {})
    assert {cell.status for cell in result.cells} == {"ok"}


def test_missing_package_costs_the_cell_that_imports_it():
    assert importlib.util.find_spec("torch") is None, "this fixture needs a package the grader lacks"
    result = grade_fixture("missing-package.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"pca": "missing"})
    message = next(test.message for test in result.tests if test.function == "pca")
    assert "The cell that defines it (cell 17) did not run: ModuleNotFoundError: No module named 'torch'" in message
    assert "Cell 3 raised an error: ModuleNotFoundError: No module named 'seaborn_course_theme_that_does_not_exist'" in result.messages


def test_reseeding_global_rng_changes_nothing():
    result = grade_fixture("reseeds-global-rng.ipynb")
    assert_full_marks_except(result, {})
    assert {cell.status for cell in result.cells} == {"ok"}


def test_warnings_and_stderr_cost_nothing():
    result = grade_fixture("warnings-and-stderr.ipynb")
    assert_full_marks_except(result, {})
    assert result.score == RUBRIC.max_score
    assert {cell.status for cell in result.cells} == {"ok"}
    assert result.messages == []


# -- code that blocks or exhausts the process -------------------------------------------


def test_infinite_loop_in_cell_times_out():
    result = grade_fixture("infinite-loop-in-cell.ipynb")
    assert_full_marks_except(result, {})
    assert cell_record(result, 13).status == "timeout"
    assert result.messages == ["Cell 14 ran past the time limit and was stopped."]


def test_infinite_loop_in_function_times_out():
    result = grade_fixture("infinite-loop-in-function.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"power_iteration": "timeout"})
    messages = [test.message for test in result.tests if test.function == "power_iteration"]
    assert len(messages) > 1
    assert "power_iteration did not finish within the time limit (2 s per call)" in messages[0]
    # Later tests do not wait out the limit again, and their messages report it.
    for message in messages[1:]:
        assert "power_iteration was not called for this test: an earlier call ran past the time limit (2 s per call)" in message
    # The sanity check of power_iteration is the cell that hangs.
    assert cell_record(result, 28).status == "timeout"


def test_memory_hog_fails_in_its_cell_and_function():
    result = grade_fixture("memory-hog.ipynb", limits=Limits(cell_seconds=4.0, call_seconds=2.0, memory_mb=1024, processes=32))
    assert result.status == "graded"
    assert_full_marks_except(result, {"pca_project": "error"})
    message = next(test.message for test in result.tests if test.function == "pca_project")
    assert "pca_project raised MemoryError" in message
    assert cell_record(result, 2).status == "error"
    assert cell_record(result, 2).error.startswith("MemoryError")


def test_loop_ignoring_signals_is_killed():
    limits = Limits(cell_seconds=3.0, call_seconds=2.0, memory_mb=1024, processes=32)
    result = grade_fixture("ignores-signals.ipynb", limits=limits)
    assert result.status == "graded"
    assert_full_marks_except(result, {"power_iteration": "timeout"})
    # The inserted cell and the sanity check of power_iteration ignore SIGALRM
    # and swallow the timeout; both are killed and reported as timeouts.
    assert cell_record(result, 13).status == "timeout"
    assert cell_record(result, 29).status == "timeout"
    assert result.messages == ["Cell 14 ran past the time limit and was stopped.", "Cell 30 ran past the time limit and was stopped."]


def test_orphaned_processes_are_gone_after_grading(monkeypatch):
    alive_before_close = []
    original_close = SandboxSession.close

    def close_and_record(session):
        alive_before_close.extend(processes_with_argv0("matcalc-orphan-"))
        original_close(session)

    monkeypatch.setattr(SandboxSession, "close", close_and_record)
    result = grade_fixture("orphan-processes.ipynb")
    assert_full_marks_except(result, {})
    assert cell_record(result, 2).status == "ok"
    # Both orphans were running when grading ended, so the check below can fail.
    assert len(alive_before_close) == 2
    assert processes_with_argv0("matcalc-orphan-") == []


def test_sessions_running_at_once_get_different_user_ids():
    if not running_as_root():
        pytest.skip("sandbox user ids are used only when the grader runs as root")
    first = SandboxSession([], LIMITS)
    second = SandboxSession([], LIMITS)
    try:
        if first._plan.uid is None:
            pytest.skip("the Python installation is not open to other users")
        # The cleanup kills every process of a user id, so sharing one would kill the other session's child.
        assert first._plan.uid != second._plan.uid
    finally:
        first.close()
        second.close()


# -- code that attacks the grader ---------------------------------------------------------


def test_writes_stay_inside_the_sandbox(tmp_path, monkeypatch):
    submitted = tmp_path / "submitted"
    out = tmp_path / "out"
    submitted.mkdir()
    out.mkdir()
    folders = (str(out), str(submitted), str(Path.home()), os.getcwd(), str(ROOT))
    notebook = submitted / "writer.ipynb"
    notebook.write_bytes(writes_outside(folders))
    workdirs = []
    original_init = SandboxSession.__post_init__

    def record_workdir(session):
        original_init(session)
        workdirs.append(session._workdir)

    monkeypatch.setattr(SandboxSession, "__post_init__", record_workdir)
    result = grade_notebook(notebook, ASSIGNMENT, limits=LIMITS, private_paths=[out])
    assert_full_marks_except(result, {})
    assert cell_record(result, 2).status == "ok"
    assert workdirs and not any(folder.exists() for folder in workdirs)
    if HIDDEN_FILES_PROTECTION not in result.protections:
        pytest.skip("without a private mount namespace the child can write where its user may")
    candidates = [Path(folder) for folder in folders] + [Path(p) for p in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/root", "/home", "/")]
    leaked = [str(folder / LEAK_MARKER) for folder in candidates if (folder / LEAK_MARKER).exists()]
    leaked += [str(path) for path in tmp_path.rglob(LEAK_MARKER)]
    assert leaked == []


def test_patching_numpy_and_builtins_changes_no_result(tmp_path):
    baseline_path = tmp_path / "baseline.ipynb"
    baseline_path.write_bytes(patches_numpy_and_builtins(patched=False))
    baseline = grade_notebook(baseline_path, ASSIGNMENT, limits=LIMITS)
    result = grade_fixture("patches-numpy-and-builtins.ipynb")
    summary = [(test.name, test.status, test.score, test.mistake, test.stage) for test in result.tests]
    assert summary == [(test.name, test.status, test.score, test.mistake, test.stage) for test in baseline.tests]
    assert cell_record(result, 2).status == "ok"
    # pca_project skips centring, so its value tests fail with that diagnosis and only the input check passes.
    project = {test.name: (test.status, test.mistake) for test in result.tests if test.function == "pca_project"}
    assert project == {
        "test_pca_project_random_data": ("failed", "pca_project.not_centred"),
        "test_pca_project_single_component": ("failed", "pca_project.not_centred"),
        "test_pca_project_integer_input": ("failed", "pca_project.not_centred"),
        "test_pca_project_inputs_unchanged": ("passed", None),
    }
    assert result.score == RUBRIC.max_score - RUBRIC.function_points("pca_project") + 0.5


def test_reference_files_out_of_reach(tmp_path):
    reference = ROOT / "solutions" / "ps1_eigen_pca.py"
    hidden_tests = ROOT / "autograder" / "hidden" / "test_ps1_eigen_pca.py"
    assert reference.exists()
    assert hidden_tests.exists()
    notebook = tmp_path / "thief.ipynb"
    notebook.write_bytes(imports_reference_solutions((str(reference), str(hidden_tests))))
    result = grade_notebook(notebook, ASSIGNMENT, limits=LIMITS)
    assert result.status == "graded"
    assert result.score == 0
    assert_full_marks_except(result, {function: "not_implemented" for function in RUBRIC.functions})
    errors = {cell.index: cell.error for cell in result.cells if cell.index >= 33}
    # The package folder is either covered by an empty folder or gone
    # altogether (a checkout below /tmp), so the name that fails differs.
    assert errors[33] in ("ModuleNotFoundError: No module named 'solutions.ps1_eigen_pca'", "ModuleNotFoundError: No module named 'solutions'")
    assert errors[34].startswith("ModuleNotFoundError: No module named 'autograder")
    if HIDDEN_FILES_PROTECTION in result.protections:
        assert errors[35] == "FileNotFoundError: reference solutions not found"
        assert errors[36] == "FileNotFoundError: hidden tests not found"


def test_committed_thief_notebook_also_gets_nothing():
    result = grade_fixture("imports-reference-solutions.ipynb")
    assert result.score == 0
    assert {test.status for test in result.tests} == {"not_implemented"}


def test_fake_results_and_flood_change_nothing():
    result = grade_fixture("fake-results-and-flood.ipynb")
    assert result.status == "graded"
    assert_full_marks_except(result, {"stationary_distribution": "not_implemented"})
    assert cell_record(result, 2).status == "ok"
    assert len(json.dumps(result.to_dict())) < 20_000


def test_batch_hostile_notebooks_leave_correct_one_alone(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(SOURCE / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", submissions / "alice.ipynb")
    shutil.copy(NOTEBOOKS / "fake-results-and-flood.ipynb", submissions / "mallory.ipynb")
    shutil.copy(NOTEBOOKS / "orphan-processes.ipynb", submissions / "oscar.ipynb")
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "autograder", "grade", "--assignment", ASSIGNMENT, "--out", str(out), "--jobs", "2",
        "--lang", "en", "--cell-timeout", "4", "--call-timeout", "2", "--memory-mb", "1024", str(submissions),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    results = {name: json.loads((out / f"{name}.json").read_text(encoding="utf-8")) for name in ("alice", "mallory", "oscar")}
    maximum = load_rubric(ASSIGNMENT).max_score
    assert (results["alice"]["status"], results["alice"]["score"], results["alice"]["max_score"]) == ("graded", maximum, maximum)
    assert {test["status"] for test in results["alice"]["tests"]} == {"passed"}
    assert (results["mallory"]["status"], results["mallory"]["score"]) == ("graded", maximum - RUBRIC.function_points("stationary_distribution"))
    assert (results["oscar"]["status"], results["oscar"]["score"]) == ("graded", maximum)
    # Two million printed lines never reach the result file or the command's own output.
    assert (out / "mallory.json").stat().st_size < 20_000
    assert len(completed.stdout) < 5_000
    assert processes_with_argv0("matcalc-orphan-") == []
    leftovers = glob.glob(str(out / "*.tmp")) + glob.glob(str(out / ".*.tmp"))
    assert leftovers == []
