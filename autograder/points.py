"""Keep the points of the nbgrader hidden-test cells equal to the rubric."""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder import ASSIGNMENTS
from autograder.rubric import load_rubric


def cell_points(notebook_path: Path) -> dict[str, float]:
    """Map each hidden-test cell's function (grade id ``test_<function>``) to its points."""
    notebook = nbformat.read(notebook_path, as_version=4)
    points = {}
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and str(meta.get("grade_id", "")).startswith("test_"):
            points[meta["grade_id"][len("test_"):]] = float(meta.get("points", 0))
    return points


def sync_points(source: Path, check_only: bool = False) -> int:
    """Write rubric totals into each source notebook's hidden-test cells; return an exit code."""
    mismatches = 0
    for assignment in ASSIGNMENTS:
        path = source / assignment / f"{assignment}.ipynb"
        if not path.exists():
            print(f"{path}: not found")
            mismatches += 1
            continue
        rubric = load_rubric(assignment)
        notebook = nbformat.read(path, as_version=4)
        changed = False
        seen = set()
        for cell in notebook.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            grade_id = str(meta.get("grade_id", ""))
            if not (meta.get("grade") and not meta.get("solution") and grade_id.startswith("test_")):
                continue
            function = grade_id[len("test_"):]
            seen.add(function)
            expected = rubric.function_points(function)
            if float(meta.get("points", 0)) != expected:
                print(f"{path}: cell {grade_id} has {meta.get('points')} points, the rubric gives {expected:g}")
                mismatches += 1
                meta["points"] = int(expected) if expected == int(expected) else expected
                changed = True
        for function in rubric.functions:
            if function not in seen:
                print(f"{path}: no hidden-test cell test_{function}")
                mismatches += 1
        if changed and not check_only:
            nbformat.write(notebook, path)
    if check_only:
        return 1 if mismatches else 0
    return 0
