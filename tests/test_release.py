"""release/ is nbgrader's output for source/, and carries no solutions or hidden tests."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import ASSIGNMENTS
from conftest import RELEASE, ROOT, SOURCE


def _cells(path: Path) -> list[tuple[str, str, dict]]:
    notebook = nbformat.read(path, as_version=4)
    return [(cell.cell_type, cell.source, cell.get("metadata", {}).get("nbgrader", {})) for cell in notebook.cells]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """Run nbgrader generate_assignment on a copy of the course and return its release folder."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(SOURCE, course / "source")
    nbgrader = Path(sys.executable).with_name("nbgrader")
    # nbgrader runs alembic from PATH to set up its database.
    environment = {**os.environ, "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for assignment in ASSIGNMENTS:
        subprocess.run([str(nbgrader), "generate_assignment", assignment, "--force", "--log-level=ERROR"], cwd=course, env=environment, check=True, capture_output=True, timeout=300)
    return course / "release"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_up_to_date(assignment, regenerated):
    fresh = _cells(regenerated / assignment / f"{assignment}.ipynb")
    committed = _cells(RELEASE / assignment / f"{assignment}.ipynb")
    assert committed == fresh, "release/ is out of date with source/: run `make release` and commit release/"


def _solution_lines(source: str) -> list[str]:
    region = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.S)
    if not region:
        return []
    return [line.strip() for line in region.group(1).splitlines() if len(line.strip()) > 12 and not line.strip().startswith("#")]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_has_no_solutions_or_hidden_tests(assignment):
    release_path = RELEASE / assignment / f"{assignment}.ipynb"
    text = release_path.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "run_hidden_tests", "autograder"):
        assert marker not in text
    released = {meta.get("grade_id"): source for _type, source, meta in _cells(release_path)}
    for _type, source, meta in _cells(SOURCE / assignment / f"{assignment}.ipynb"):
        if not meta.get("solution"):
            continue
        for line in _solution_lines(source):
            assert line not in released[meta["grade_id"]], f"solution line reached release: {line!r}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_keeps_stubs_and_checks(assignment):
    cells = _cells(RELEASE / assignment / f"{assignment}.ipynb")
    stubs = [meta["grade_id"] for _type, source, meta in cells if meta.get("solution") and "raise NotImplementedError()" in source]
    checks = [meta["grade_id"] for _type, _source, meta in cells if str(meta.get("grade_id", "")).startswith("check_")]
    from test_rubric import CONTRACT

    assert stubs == CONTRACT[assignment]
    # The quiz checks the form of all ten answers in one cell, without telling right from wrong.
    expected_checks = ["check_answers"] if assignment == "quiz" else [f"check_{name}" for name in CONTRACT[assignment]]
    assert checks == expected_checks
    assert all(not cell.get("outputs") for cell in nbformat.read(RELEASE / assignment / f"{assignment}.ipynb", as_version=4).cells if cell.cell_type == "code")
