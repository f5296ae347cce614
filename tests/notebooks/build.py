"""Build the broken and hostile ps1_eigen_pca notebooks that the grader is tested on.

Every fixture starts from the source notebook with the hidden-test blocks
removed, which is what a student who completed every function submits, and
changes one thing: a damaged cell layout, a damaged file, or code that attacks
the grader.  The files are committed so a reader can open them; rebuild them
after changing the source notebook:

    python tests/notebooks/build.py

`tests/test_broken_notebooks.py` fails when a committed file differs from
what this script builds.
"""

from __future__ import annotations

import copy
import json
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Callable

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ASSIGNMENT = "ps1_eigen_pca"
SOURCE_NOTEBOOK = ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

STUB = "    # YOUR CODE HERE\n    raise NotImplementedError()\n"
# Non-ASCII on purpose: file names of real uploads carry the student's name.
CJK_FILE_NAME = "作業1 王小明 (最終版).ipynb"


# -- notebook helpers ----------------------------------------------------------


def base_notebook() -> nbformat.NotebookNode:
    """Return the source notebook as a complete submission: hidden-test blocks removed, as in the release."""
    notebook = nbformat.read(SOURCE_NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        cell.source = re.sub(r"\n?### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "", cell.source, flags=re.S)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return notebook


def grade_id(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def position(notebook: nbformat.NotebookNode, cell_grade_id: str) -> int:
    for index, cell in enumerate(notebook.cells):
        if grade_id(cell) == cell_grade_id:
            return index
    raise KeyError(f"no cell with grade_id {cell_grade_id!r}")


def code_cell(source: str, cell_id: str) -> nbformat.NotebookNode:
    # A fixed id keeps the built files identical from run to run.
    return nbformat.v4.new_code_cell(source, id=cell_id)


def insert_after(notebook: nbformat.NotebookNode, cell_grade_id: str, *cells: nbformat.NotebookNode) -> None:
    index = position(notebook, cell_grade_id) + 1
    notebook.cells[index:index] = list(cells)


def replace_solution(notebook: nbformat.NotebookNode, function: str, body: str) -> None:
    """Keep the solution cell's def line and docstring and put `body` (indented code) below them."""
    cell = notebook.cells[position(notebook, function)]
    header = cell.source.split("    ### BEGIN SOLUTION")[0]
    cell.source = header + body


def to_json(notebook: dict) -> bytes:
    """Serialise as Jupyter does (indent 1, sorted keys), without nbformat's validation or repairs."""
    return (json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def with_cells(notebook: nbformat.NotebookNode, cells: list) -> bytes:
    notebook.cells = cells
    return to_json(notebook)


# -- damaged cell layout -------------------------------------------------------


def to_markdown(cell: nbformat.NotebookNode) -> None:
    cell.cell_type = "markdown"
    del cell["outputs"], cell["execution_count"]


def setup_cell_to_markdown() -> bytes:
    notebook = base_notebook()
    to_markdown(notebook.cells[position(notebook, "setup")])
    return to_json(notebook)


def solution_cell_to_markdown() -> bytes:
    notebook = base_notebook()
    to_markdown(notebook.cells[position(notebook, "pca")])
    return to_json(notebook)


def locked_cells_duplicated() -> bytes:
    notebook = base_notebook()
    for index, cell_grade_id in enumerate(["setup", "check_pca", "test_pca"]):
        copied = copy.deepcopy(notebook.cells[position(notebook, cell_grade_id)])
        copied.id = f"duplicate-{index}"
        insert_after(notebook, cell_grade_id, copied)
    return to_json(notebook)


def solution_cell_duplicated() -> bytes:
    # The copy below the solution still holds the release stub, so it wins,
    # as it would in "Restart and run all".  pca calls covariance_matrix, so
    # the stub reaches pca as well.
    notebook = base_notebook()
    replace_solution(
        notebook,
        "pca",
        "    C = covariance_matrix(X)\n"
        "    eigenvalues, eigenvectors = eigh_descending(C)\n"
        "    return eigenvectors[:, :k], eigenvalues[:k], eigenvalues[:k] / np.trace(C)\n",
    )
    copied = copy.deepcopy(notebook.cells[position(notebook, "covariance_matrix")])
    copied.id = "duplicate-solution"
    copied.source = copied.source.split("    ### BEGIN SOLUTION")[0] + STUB
    insert_after(notebook, "covariance_matrix", copied)
    return to_json(notebook)


def locked_cells_deleted() -> bytes:
    notebook = base_notebook()
    kept = [cell for cell in notebook.cells if grade_id(cell) not in ("check_pca", "test_pca", "check_power_iteration")]
    return with_cells(notebook, kept)


def solution_cell_deleted() -> bytes:
    notebook = base_notebook()
    del notebook.cells[position(notebook, "power_iteration")]
    return to_json(notebook)


def metadata_emptied() -> bytes:
    notebook = base_notebook()
    for cell in notebook.cells:
        cell.metadata = {}
    return to_json(notebook)


def cells_inserted() -> bytes:
    notebook = base_notebook()
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell("我的筆記:先複習 eigenvalue 的定義。", id="inserted-note"))
    insert_after(
        notebook,
        "setup",
        code_cell("def centre_columns(X):\n    X = np.asarray(X, dtype=float)\n    return X - X.mean(axis=0)", "inserted-helper"),
        code_cell("scratch = np.arange(6).reshape(2, 3)\nscratch.T @ scratch", "inserted-scratch"),
    )
    replace_solution(notebook, "covariance_matrix", "    centred = centre_columns(X)\n    return centred.T @ centred / (centred.shape[0] - 1)\n")
    insert_after(notebook, "check_pca", code_cell("print(pca(np.eye(3), 2))", "inserted-try-pca"))
    return to_json(notebook)


def cells_reordered() -> bytes:
    # Reversed order: every sanity check runs before the function it checks.
    notebook = base_notebook()
    return with_cells(notebook, list(reversed(notebook.cells)))


def only_solution_cells() -> bytes:
    # Without the setup cell nothing imports NumPy as np.
    notebook = base_notebook()
    kept = [cell for cell in notebook.cells if cell.get("metadata", {}).get("nbgrader", {}).get("solution")]
    return with_cells(notebook, kept)


# -- file format ---------------------------------------------------------------


def nbformat_v3() -> bytes:
    notebook = nbformat.convert(base_notebook(), 3)
    return nbformat.writes(notebook, version=3).encode("utf-8") + b"\n"


def nbformat_v4_4_without_ids() -> bytes:
    notebook = base_notebook()
    notebook.nbformat_minor = 4
    for cell in notebook.cells:
        del cell["id"]
    return to_json(notebook)


def cell_id_null() -> bytes:
    notebook = base_notebook()
    notebook.cells[position(notebook, "pca")]["id"] = None
    return to_json(notebook)


def cell_id_duplicate() -> bytes:
    notebook = base_notebook()
    for cell_grade_id in ("covariance_matrix", "pca", "check_pca"):
        notebook.cells[position(notebook, cell_grade_id)]["id"] = "same-id"
    return to_json(notebook)


def unknown_kernel() -> bytes:
    notebook = base_notebook()
    notebook.metadata.kernelspec = {"display_name": "Python 3.9 (course lab)", "language": "python", "name": "course-lab-py39"}
    return to_json(notebook)


def cjk_file_name() -> bytes:
    return to_json(base_notebook())


# -- files that are not notebooks ----------------------------------------------


def truncated() -> bytes:
    whole = to_json(base_notebook())
    return whole[: len(whole) // 2]


def empty() -> bytes:
    return b""


def json_without_cells() -> bytes:
    return b'{"name": "ps1_eigen_pca", "student": "wang_xiaoming"}\n'


def png_image() -> bytes:
    """A 1x1 white PNG, built by hand so no image library is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def python_script() -> bytes:
    """The notebook's code exported as a .py script (File > Save and Export As > Executable Script)."""
    notebook = base_notebook()
    parts = [f"# In[ ]:\n\n{cell.source}\n" for cell in notebook.cells if cell.cell_type == "code"]
    return ("#!/usr/bin/env python\n# coding: utf-8\n\n" + "\n\n".join(parts)).encode("utf-8")


# -- code that stops or blocks the process ---------------------------------------


def sys_exit_in_cell() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "check_covariance_matrix", code_cell("import sys\nsys.exit('stop here')", "exit-cell"))
    return to_json(notebook)


def os_exit_in_cell() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "check_covariance_matrix", code_cell("import os\nos._exit(0)", "os-exit-cell"))
    return to_json(notebook)


def exit_in_functions() -> bytes:
    notebook = base_notebook()
    replace_solution(notebook, "power_iteration", "    import os\n    os._exit(3)\n")
    replace_solution(notebook, "stationary_distribution", "    import sys\n    sys.exit(0)\n")
    return to_json(notebook)


def input_call() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "setup", code_cell('student_id = input("請輸入學號:")\nprint(student_id)', "input-cell"))
    return to_json(notebook)


def shell_lines() -> bytes:
    notebook = base_notebook()
    insert_after(
        notebook,
        "setup",
        code_cell("!pip install --quiet numpy\nfiles = !ls -la\n!touch created-by-shell-line.txt", "shell-lines"),
        code_cell("%%bash\necho hello > created-by-bash-magic.txt", "bash-magic"),
        code_cell("%system echo hello\n%sx ls", "system-magics"),
        code_cell(
            "import os\n"
            "for name in ('created-by-shell-line.txt', 'created-by-bash-magic.txt'):\n"
            "    if os.path.exists(name):\n"
            "        raise RuntimeError(name + ' exists: a shell command ran')",
            "shell-check",
        ),
    )
    return to_json(notebook)


def magics() -> bytes:
    notebook = base_notebook()
    insert_after(
        notebook,
        "setup",
        code_cell("%matplotlib inline\n%load_ext autoreload\n%autoreload 2\n%config InlineBackend.figure_format = 'retina'", "line-magics"),
    )
    insert_after(notebook, "check_covariance_matrix", code_cell("%timeit -n 3 -r 1 covariance_matrix(np.ones((50, 4)))\n%who", "timing-magics"))
    insert_after(notebook, "check_pca", code_cell("%%time\ncomponents, variance, ratio = pca(np.eye(4), 2)", "cell-magic"))
    return to_json(notebook)


def widgets() -> bytes:
    notebook = base_notebook()
    source = (
        "import ipywidgets as widgets\n"
        "from ipywidgets import interact\n"
        "\n"
        "@interact(k=widgets.IntSlider(min=1, max=3, value=1))\n"
        "def show_ratio(k):\n"
        "    print(pca(np.random.default_rng(0).normal(size=(20, 3)), k)[2])"
    )
    insert_after(notebook, "check_pca", code_cell(source, "widgets"))
    return to_json(notebook)


def plt_show() -> bytes:
    notebook = base_notebook()
    source = "fig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\nplt.show()\nplt.show(block=True)"
    insert_after(notebook, "check_covariance_matrix", code_cell(source, "plot"))
    return to_json(notebook)


def missing_package() -> bytes:
    # The import sits in the solution cell, as students write it, so that cell fails and pca is missing.
    notebook = base_notebook()
    cell = notebook.cells[position(notebook, "pca")]
    cell.source = "import torch\n\n" + cell.source
    insert_after(notebook, "setup", code_cell("import seaborn_course_theme_that_does_not_exist", "missing-import"))
    return to_json(notebook)


def reseeds_global_rng() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "setup", code_cell("np.random.seed(12345)\nnoise = np.random.rand(3)", "seed-cell"))
    cell = notebook.cells[position(notebook, "covariance_matrix")]
    cell.source = cell.source.replace("    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    np.random.seed(0)\n")
    return to_json(notebook)


def infinite_loop_in_cell() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "check_covariance_matrix", code_cell("while True:\n    pass", "loop-cell"))
    return to_json(notebook)


def infinite_loop_in_function() -> bytes:
    notebook = base_notebook()
    replace_solution(notebook, "power_iteration", "    v = np.ones(len(A))\n    while True:\n        v = A @ v\n        v = v / np.linalg.norm(v)\n")
    return to_json(notebook)


def memory_hog() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "setup", code_cell("hog = np.ones((1024, 1024, 1024))  # 8 GiB of float64", "hog-cell"))
    replace_solution(notebook, "pca_project", "    blocks = []\n    while True:\n        blocks.append(np.ones(16 * 1024 * 1024))\n")
    return to_json(notebook)


_UNINTERRUPTIBLE_LOOP = (
    "import signal\n"
    "for number in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):\n"
    "    signal.signal(number, signal.SIG_IGN)\n"
    "while True:\n"
    "    try:\n"
    "        while True:\n"
    "            pass\n"
    "    except BaseException:\n"
    "        pass\n"
)


def ignores_signals() -> bytes:
    notebook = base_notebook()
    insert_after(notebook, "check_covariance_matrix", code_cell(_UNINTERRUPTIBLE_LOOP, "stubborn-cell"))
    body = "".join(f"    {line}\n" for line in _UNINTERRUPTIBLE_LOOP.splitlines())
    replace_solution(notebook, "power_iteration", body)
    return to_json(notebook)


def orphan_processes() -> bytes:
    # Both orphans rename themselves (argv[0]) so a test can find them in /proc.
    source = (
        "import os, subprocess, time\n"
        "\n"
        "sleeper = subprocess.Popen(['matcalc-orphan-popen', '300'], executable='sleep', start_new_session=True)\n"
        "\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        os.execvp('sleep', ['matcalc-orphan-double-fork', '300'])\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
        "time.sleep(0.2)"
    )
    notebook = base_notebook()
    insert_after(notebook, "setup", code_cell(source, "orphans"))
    return to_json(notebook)


# -- code that attacks the grader ------------------------------------------------

LEAK_MARKER = "matcalc-leak-marker.txt"


def writes_outside(extra_folders: tuple[str, ...] = ()) -> bytes:
    """Write a marker file in every folder the code can think of; `extra_folders` adds known paths."""
    folders = ", ".join(repr(folder) for folder in extra_folders)
    source = (
        "import glob, os\n"
        "\n"
        f"folders = [os.getcwd(), os.path.expanduser('~'), os.environ.get('TMPDIR', ''), '/tmp', '/var/tmp', '/dev/shm',\n"
        f"           '/run/lock', '/var/lock', '/root', '/home', '/', '..', '../..', {folders}]\n"
        "folders += glob.glob('/tmp/**/', recursive=True)[:200]\n"
        "written = []\n"
        "for folder in folders:\n"
        "    if not folder:\n"
        "        continue\n"
        "    try:\n"
        f"        with open(os.path.join(folder, {LEAK_MARKER!r}), 'w') as stream:\n"
        "            stream.write('written by a graded notebook')\n"
        "        written.append(folder)\n"
        "    except OSError:\n"
        "        pass\n"
        "print('wrote a marker in', written)"
    )
    notebook = base_notebook()
    insert_after(notebook, "setup", code_cell(source, "writes"))
    return to_json(notebook)


def patches_numpy_and_builtins(patched: bool = True) -> bytes:
    """Build a pca_project that skips centring; with `patched`, a cell also rigs every comparison it can reach."""
    notebook = base_notebook()
    replace_solution(notebook, "pca_project", "    return np.asarray(X, dtype=float) @ np.asarray(components, dtype=float)\n")
    if patched:
        source = (
            "import builtins, json\n"
            "import numpy.testing\n"
            "\n"
            "np.allclose = lambda *args, **kwargs: True\n"
            "np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)\n"
            "np.array_equal = lambda *args, **kwargs: True\n"
            "np.testing.assert_allclose = lambda *args, **kwargs: None\n"
            "numpy.testing.assert_array_almost_equal = lambda *args, **kwargs: None\n"
            "builtins.all = lambda iterable: True\n"
            "builtins.any = lambda iterable: False\n"
            "builtins.AssertionError = type('AssertionError', (Exception,), {})\n"
            "json.loads = lambda *args, **kwargs: {'status': 'passed', 'score': 27}\n"
        )
        insert_after(notebook, "setup", code_cell(source, "patches"))
    # The sanity check of pca_project would now pass; without the patches it fails.
    return to_json(notebook)


def imports_reference_solutions(extra_paths: tuple[str, ...] = ()) -> bytes:
    """Stubs everywhere, plus every route to the reference solutions and hidden tests that the code can try.

    `extra_paths` adds exact file paths to try, such as the reference module in this checkout.
    """
    notebook = base_notebook()
    for function in ("eigh_descending", "reconstruct_from_eigh", "covariance_matrix", "pca", "pca_project", "power_iteration", "stationary_distribution"):
        replace_solution(notebook, function, STUB)
    by_name = (
        "import sys\n"
        "sys.meta_path[:] = [finder for finder in sys.meta_path if 'Block' not in type(finder).__name__]\n"
        "from solutions.ps1_eigen_pca import *"
    )
    by_module = "import autograder.hidden.test_ps1_eigen_pca as hidden_tests\nprint(hidden_tests.__file__)"
    by_path = (
        "import glob, os\n"
        "\n"
        "patterns = [\n"
        "    '../solutions/ps1_eigen_pca.py', '../../solutions/ps1_eigen_pca.py', '../../../solutions/ps1_eigen_pca.py',\n"
        "    '/*/solutions/ps1_eigen_pca.py', '/*/*/solutions/ps1_eigen_pca.py', '/*/*/*/solutions/ps1_eigen_pca.py',\n"
        "    '/proc/*/cwd/solutions/ps1_eigen_pca.py', '/proc/*/root/*/*/solutions/ps1_eigen_pca.py',\n"
        "    os.path.expanduser('~/**/solutions/ps1_eigen_pca.py'),\n"
        f"    {''.join(repr(path) + ', ' for path in extra_paths)}\n"
        "]\n"
        "for site in sys.path:\n"
        "    patterns += [os.path.join(site, 'solutions', 'ps1_eigen_pca.py'), os.path.join(site, '__editable__*finder.py')]\n"
        "found = sorted({path for pattern in patterns for path in glob.glob(pattern, recursive=True)})\n"
        "stolen = {'np': np}\n"
        "for path in found:\n"
        "    try:\n"
        "        with open(path, encoding='utf-8') as stream:\n"
        "            exec(stream.read(), stolen)\n"
        "    except Exception as error:\n"
        "        print('could not use', path, error)\n"
        "if 'pca' not in stolen:\n"
        "    raise FileNotFoundError('reference solutions not found')\n"
        "globals().update({name: value for name, value in stolen.items() if callable(value)})"
    )
    hidden_by_path = (
        "found_tests = [path for pattern in ('/*/*/autograder/hidden/test_ps1_eigen_pca.py', '/*/autograder/hidden/*.py',\n"
        "                                    '/proc/*/cwd/autograder/hidden/*.py')\n"
        "               for path in glob.glob(pattern)]\n"
        "if not found_tests:\n"
        "    raise FileNotFoundError('hidden tests not found')\n"
        "print(open(found_tests[0]).read())"
    )
    insert_after(
        notebook,
        "check_stationary_distribution",
        code_cell(by_name, "steal-by-name"),
        code_cell(by_module, "steal-hidden-by-name"),
        code_cell(by_path, "steal-by-path"),
        code_cell(hidden_by_path, "steal-hidden-by-path"),
    )
    return to_json(notebook)


def fake_results_and_flood() -> bytes:
    fake = {"assignment": ASSIGNMENT, "status": "graded", "score": 27, "max_score": 27, "tests": [{"name": "test_pca_random_data", "status": "passed", "score": 1.5}]}
    source = (
        "import json, sys\n"
        f"fake = {fake!r}\n"
        "print(json.dumps(fake))\n"
        "sys.stderr.write(json.dumps(fake) + '\\n')\n"
        "sys.stdout.write('\\n'.join('line %d' % i for i in range(2_000_000)) + '\\n')"
    )
    notebook = base_notebook()
    replace_solution(notebook, "stationary_distribution", STUB)
    insert_after(notebook, "setup", code_cell(source, "flood"))
    return to_json(notebook)


def warnings_and_stderr() -> bytes:
    notebook = base_notebook()
    cell = notebook.cells[position(notebook, "covariance_matrix")]
    noisy = (
        "    import sys, warnings\n"
        "    warnings.warn('covariance of few samples is noisy', UserWarning)\n"
        "    warnings.warn('this helper is old', DeprecationWarning)\n"
        "    print('computing the covariance matrix', file=sys.stderr)\n"
        "    np.log(np.zeros(1))  # RuntimeWarning: divide by zero\n"
    )
    cell.source = cell.source.replace("    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n" + noisy)
    insert_after(notebook, "setup", code_cell("import warnings, sys\nwarnings.warn('setting up')\nprint('debug output', file=sys.stderr)\nnp.float64(1) / 0", "noisy-cell"))
    return to_json(notebook)


FIXTURES: dict[str, Callable[[], bytes]] = {
    "setup-cell-to-markdown.ipynb": setup_cell_to_markdown,
    "solution-cell-to-markdown.ipynb": solution_cell_to_markdown,
    "locked-cells-duplicated.ipynb": locked_cells_duplicated,
    "solution-cell-duplicated.ipynb": solution_cell_duplicated,
    "locked-cells-deleted.ipynb": locked_cells_deleted,
    "solution-cell-deleted.ipynb": solution_cell_deleted,
    "metadata-emptied.ipynb": metadata_emptied,
    "cells-inserted.ipynb": cells_inserted,
    "cells-reordered.ipynb": cells_reordered,
    "only-solution-cells.ipynb": only_solution_cells,
    "nbformat-v3.ipynb": nbformat_v3,
    "nbformat-v4.4-without-ids.ipynb": nbformat_v4_4_without_ids,
    "cell-id-null.ipynb": cell_id_null,
    "cell-id-duplicate.ipynb": cell_id_duplicate,
    "unknown-kernel.ipynb": unknown_kernel,
    CJK_FILE_NAME: cjk_file_name,
    "truncated.ipynb": truncated,
    "empty.ipynb": empty,
    "json-without-cells.ipynb": json_without_cells,
    "not-a-notebook.png": png_image,
    "not-a-notebook.py": python_script,
    "sys-exit-in-cell.ipynb": sys_exit_in_cell,
    "os-exit-in-cell.ipynb": os_exit_in_cell,
    "exit-in-functions.ipynb": exit_in_functions,
    "input-call.ipynb": input_call,
    "shell-lines.ipynb": shell_lines,
    "magics.ipynb": magics,
    "widgets.ipynb": widgets,
    "plt-show.ipynb": plt_show,
    "missing-package.ipynb": missing_package,
    "reseeds-global-rng.ipynb": reseeds_global_rng,
    "infinite-loop-in-cell.ipynb": infinite_loop_in_cell,
    "infinite-loop-in-function.ipynb": infinite_loop_in_function,
    "memory-hog.ipynb": memory_hog,
    "ignores-signals.ipynb": ignores_signals,
    "orphan-processes.ipynb": orphan_processes,
    "writes-outside.ipynb": writes_outside,
    "patches-numpy-and-builtins.ipynb": patches_numpy_and_builtins,
    "imports-reference-solutions.ipynb": imports_reference_solutions,
    "fake-results-and-flood.ipynb": fake_results_and_flood,
    "warnings-and-stderr.ipynb": warnings_and_stderr,
}


def build_all() -> dict[str, bytes]:
    """Return the content of every fixture file by file name."""
    return {name: build() for name, build in FIXTURES.items()}


def main() -> int:
    built = build_all()
    for name, content in built.items():
        (HERE / name).write_bytes(content)
    print(f"wrote {len(built)} fixtures to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
