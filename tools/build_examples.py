"""Build the sample submissions in examples/submitted/ from examples/manifest.toml.

Each sample starts from the release notebook, fills every solution cell the
way the manifest says (the reference solution, a corpus implementation, inline
code, or the untouched stub), and is executed in a real Jupyter kernel, so
it carries outputs and metadata as a real upload does.

    python tools/build_examples.py [ASSIGNMENT ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
import tomllib
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "examples" / "manifest.toml"
OUTPUT = ROOT / "examples" / "submitted"
CORPUS = ROOT / "tests" / "corpus"


def load_manifest() -> dict:
    with MANIFEST.open("rb") as stream:
        return tomllib.load(stream)


def reference_bodies(assignment: str) -> dict[str, str]:
    """Map each function to its source-notebook solution cell, without the nbgrader markers."""
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    bodies = {}
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if not re.match(r"\s*### (BEGIN|END) SOLUTION", line)]
            bodies[meta["grade_id"]] = "\n".join(lines)
    return bodies


def corpus_code(assignment: str, function: str, entry: str) -> str:
    """Return a corpus entry's code as a student would have typed it: no module docstring, no EXPECT."""
    path = CORPUS / assignment / function / f"{entry}.py"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'\A\s*"""(.*?)"""\s*\n', "", text, flags=re.S)
    return "\n".join(line for line in text.splitlines() if not line.startswith("EXPECT")).strip() + "\n"


def build_submission(assignment: str, student: str, spec: dict, bodies: dict[str, str]) -> nbformat.NotebookNode:
    notebook = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    code = spec.get("code", {})
    inline = spec.get("inline", {})
    stubs = set(spec.get("stub", []))
    unknown = (set(code) | set(inline) | stubs) - set(bodies)
    if unknown:
        raise KeyError(f"{assignment}/{student}: no such functions {sorted(unknown)}")
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        function = meta.get("grade_id")
        if not (meta.get("solution") and function in bodies):
            continue
        if function in stubs:
            continue
        if function in inline:
            cell.source = inline[function].strip("\n")
        elif function in code:
            cell.source = corpus_code(assignment, function, code[function])
        else:
            cell.source = bodies[function]
    for extra in spec.get("extra_cells", []):
        notebook.cells.append(nbformat.v4.new_code_cell(extra.strip("\n")))
    return notebook


def execute(notebook: nbformat.NotebookNode) -> None:
    with tempfile.TemporaryDirectory() as folder:
        # A cell that runs past the timeout is interrupted and recorded, as a student who stops a stuck cell would.
        client = NotebookClient(notebook, timeout=20, interrupt_on_timeout=True, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": folder}})
        client.execute()


def main(selected: list[str]) -> int:
    manifest = load_manifest()
    for assignment, students in manifest.items():
        if selected and assignment not in selected:
            continue
        bodies = reference_bodies(assignment)
        for student, spec in students.items():
            notebook = build_submission(assignment, student, spec, bodies)
            execute(notebook)
            path = OUTPUT / student / assignment / f"{assignment}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, path)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
