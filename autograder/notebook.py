"""Read a submitted notebook and pick the cells the grader runs.

nbformat reads every notebook version it supports (v3 is converted to v4);
anything it cannot read becomes `InvalidNotebook` with a message for the
student, so a broken upload gets a clear zero instead of stopping a batch.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.i18n import translator

_ = translator("autograder")

# Larger files are rejected before parsing; real submissions are far smaller.
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


class InvalidNotebook(ValueError):
    """The file cannot be graded as a notebook; the message explains why, for the student."""


@dataclass(frozen=True)
class CodeCell:
    index: int
    """Position among all cells of the notebook."""
    source: str


@dataclass(frozen=True)
class Submission:
    path: Path
    sha256: str
    code_cells: tuple[CodeCell, ...]
    text_cells: tuple[CodeCell, ...] = ()
    """Markdown and raw cells, which never run; kept to explain a function that is missing."""


def _is_hidden_test_cell(cell: dict) -> bool:
    # The kit runs the hidden tests itself; the notebook's own test cells
    # (nbgrader grade cells that are not solutions) are skipped.
    metadata = cell.get("metadata")
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return isinstance(meta, dict) and bool(meta.get("grade")) and not meta.get("solution")


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(part) for part in source)
    if not isinstance(source, str):
        raise InvalidNotebook(_("A cell's source is not text, so the notebook file is damaged. Download it again from Jupyter (File > Download) and resubmit."))
    return source


def read_submission(path: Path) -> Submission:
    """Read `path` and return its code cells in order, or raise InvalidNotebook."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidNotebook(_("The file could not be read: {error}.").format(error=error.strerror or error)) from None
    if not raw.strip():
        raise InvalidNotebook(_("The file is empty. Save the notebook in Jupyter and submit the .ipynb file again."))
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(_("The file is larger than {limit} MB. Clear the outputs (Edit > Clear All Outputs), save and resubmit.").format(limit=MAX_NOTEBOOK_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidNotebook(_("The file is not a Jupyter notebook (it is not valid notebook JSON; it may be truncated or another kind of file). Submit the .ipynb file saved by Jupyter.")) from None
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        raise InvalidNotebook(_("The file is JSON but not a Jupyter notebook (it has no cells). Submit the .ipynb file saved by Jupyter."))
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises many kinds of errors on damaged files
        raise InvalidNotebook(_("The notebook could not be read ({error}). Open it in Jupyter, save it and resubmit.").format(error=type(error).__name__)) from None
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise InvalidNotebook(_("The file is JSON but not a Jupyter notebook (it has no cells). Submit the .ipynb file saved by Jupyter."))
    code_cells = []
    text_cells = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or _is_hidden_test_cell(cell):
            continue
        if cell.get("cell_type") == "code":
            code_cells.append(CodeCell(index=index, source=_cell_source(cell)))
        elif cell.get("cell_type") in ("markdown", "raw"):
            text_cells.append(CodeCell(index=index, source=_cell_source(cell)))
    return Submission(path=path, sha256=hashlib.sha256(raw).hexdigest(), code_cells=tuple(code_cells), text_cells=tuple(text_cells))
