"""Benchmark: grade one class with the kit, with `nbgrader autograde`, and with no isolation at all.

    python tools/bench.py [--per-set N] [--sets ps1_eigen_pca ...] [--jobs J] [--skip-nbgrader]
    python tools/bench.py --scaling 10 100 1000 [--sets ps3_ols] [--jobs J]

The class is built from the sample submissions and the corpus: every
notebook is a sample student's submission, or the source notebook with one
function replaced by a corpus implementation (valid or mistaken), so the mix
of right answers, mistakes, errors and time-outs resembles a real class.
All three runs grade the same notebooks with the same cell time limit:

- kit: ``autograder.batch.grade_batch`` with ``--jobs`` workers;
- nbgrader: ``nbgrader autograde`` in a scratch course folder (one notebook
  at a time, a kernel per notebook, the hidden-test cells running the kit's
  hidden tests in the kernel);
- floor: one warm process that runs each notebook's cells in a fresh IPython
  shell and the hidden tests on its namespace, with no sandbox, no process
  start and no isolation: the cost of the student code and the checks alone.

Before timing, one notebook of each origin (sample or corpus file) is
graded with the kit, and the class is split into the notebooks that finish
within every limit and those that reach a time limit.  Every tool grades
both parts, and the table shows each part over all sets and their sum.

It prints Markdown tables of seconds per submission, submissions per second,
the ratios and the peak memory, and is not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from autograder import ASSIGNMENTS  # noqa: E402
from autograder.batch import grade_batch  # noqa: E402
from autograder.grader import COURSE_SETUP  # noqa: E402
from autograder.notebook import read_submission  # noqa: E402
from autograder.sandbox.session import Limits  # noqa: E402
from autograder.testrun import LocalStudent, run_hidden_tests  # noqa: E402


def build_class(folder: Path, assignment: str, count: int) -> list[tuple[Path, str]]:
    """Write `count` submissions of `assignment` in nbgrader's layout under `folder`.

    Return each notebook with its origin: the sample or corpus file it was
    made from, so notebooks of one origin behave alike.
    """
    from conftest import source_notebook, with_solution
    from test_corpus import corpus_entries, read_entry

    samples = sorted((ROOT / "examples" / "submitted").glob(f"*/{assignment}/{assignment}.ipynb"))
    entries = [(function, path) for name, function, path in corpus_entries() if name == assignment]
    source = source_notebook(assignment)
    written = []
    for index in range(count):
        student = f"student{index:04d}"
        target = folder / "submitted" / student / assignment / f"{assignment}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        # One in three notebooks is a sample submission as uploaded; the rest
        # carry one corpus implementation each.
        if index % 3 == 0 or not entries:
            origin = samples[(index // 3) % len(samples)]
            shutil.copy(origin, target)
        else:
            function, origin = entries[index % len(entries)]
            _expect, code = read_entry(origin)
            nbformat.write(with_solution(source, function, code), target)
        written.append((target, str(origin)))
    return written


def _reaches_a_limit(result_file: Path) -> bool:
    """Tell whether a kit result records a cell or a call that ran into its time limit."""
    result = json.loads(result_file.read_text(encoding="utf-8"))
    statuses = [cell.get("status") for cell in result.get("cells", [])] + [test.get("status") for test in result.get("tests", [])]
    return "timeout" in statuses


def split_class(folder: Path, notebooks: list[tuple[Path, str]], assignment: str, limits: Limits) -> dict[str, list[Path]]:
    """Move the class into two courses, "finish" and "limit", by whether a notebook reaches a time limit.

    One notebook of each origin is graded first with the kit (not timed),
    and every notebook of that origin goes to the same course.
    """
    probe = folder / "probe"
    first_of_origin: dict[str, str] = {}
    for path, origin in notebooks:
        if origin not in first_of_origin:
            student = f"origin{len(first_of_origin):04d}"
            target = probe / "submitted" / student / assignment / path.name
            target.parent.mkdir(parents=True)
            shutil.copy(path, target)
            first_of_origin[origin] = student
    kit_run(probe, assignment, os.cpu_count() or 1, limits)
    output = probe / f"kit-out-{os.cpu_count() or 1}"
    limited = {origin for origin, student in first_of_origin.items() if _reaches_a_limit(output / f"{student}.json")}
    parts: dict[str, list[Path]] = {"finish": [], "limit": []}
    for path, origin in notebooks:
        part = "limit" if origin in limited else "finish"
        student_folder = path.parents[1]
        target = folder / part / "submitted" / student_folder.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(student_folder), target)
        parts[part].append(target / assignment / path.name)
    return parts


class _Alarm(BaseException):
    pass


def _alarm(signum, frame):
    raise _Alarm()


class _TimedStudent(LocalStudent):
    """The floor's student backend: local calls with the kit's per-call time limit.

    The hidden tests run in the open pytest session's thread, and Python
    installs signal handlers only in the main thread, so a timer thread
    raises the time-out in the calling thread.  A function that timed out
    once fails its later calls at once, as in the kit's sandbox session.
    """

    def __init__(self, namespace, seconds: float):
        super().__init__(namespace)
        self.seconds = seconds
        self.timed_out: set[str] = set()

    def call(self, function, args):
        from autograder.harness import CallTimedOut

        if function in self.timed_out:
            raise CallTimedOut(function, "time limit")
        caller = threading.get_ident()
        lock = threading.Lock()
        running = [True]

        def interrupt():
            with lock:
                if running[0]:
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(caller), ctypes.py_object(_Alarm))

        timer = threading.Timer(self.seconds, interrupt)
        try:
            try:
                timer.start()
                return super().call(function, args)
            finally:
                with lock:
                    running[0] = False
                timer.cancel()
        except _Alarm:
            self.timed_out.add(function)
            raise CallTimedOut(function, "time limit") from None


def floor_run(notebooks: list[Path], assignment: str, limits: Limits) -> float:
    """Run every notebook's cells and hidden tests in this process; return the seconds taken.

    The shell keeps no history, as the sandbox's does, and the hidden tests
    run in one open pytest session, as in a kit worker, so the floor pays
    for the student code and the checks only.
    """
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    from autograder import testrun

    os.environ["MPLBACKEND"] = "Agg"
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    # The same figure handling as in the sandbox, set up in the same order:
    # tight_layout() waits for a drawing that grading never does.
    import matplotlib.pyplot  # noqa: F401

    from autograder.sandbox.child import defer_tight_layout

    defer_tight_layout()
    testrun.keep_sessions(True)
    try:
        started = time.perf_counter()
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            _floor_notebooks(shell, notebooks, assignment, limits)
        return time.perf_counter() - started
    finally:
        testrun.keep_sessions(False)
        testrun.close_sessions()


def _floor_notebooks(shell, notebooks: list[Path], assignment: str, limits: Limits) -> None:
    for path in notebooks:
        # A fresh namespace per notebook; shell.reset() would also run a full
        # garbage collection, a cost the sandbox's fresh process never pays.
        shell.user_ns.clear()
        shell.init_user_ns()
        shell.run_cell(COURSE_SETUP, store_history=False)
        for cell in read_submission(path).code_cells:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, limits.cell_seconds)
            try:
                shell.run_cell(cell.source, store_history=False)
            except _Alarm:
                pass
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        run_hidden_tests(assignment, _TimedStudent(dict(shell.user_ns), limits.call_seconds))


def nbgrader_run(course: Path, assignment: str, limits: Limits) -> float:
    """Autograde the course's submissions with nbgrader; return the seconds taken."""
    executable = Path(sys.executable).with_name("nbgrader")
    environment = {**os.environ, "PATH": f"{executable.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    shutil.copy(ROOT / "nbgrader_config.py", course)
    if not (course / "source").exists():
        shutil.copytree(ROOT / "source", course / "source")
    subprocess.run([str(executable), "generate_assignment", assignment, "--force", "--log-level=ERROR"], cwd=course, env=environment, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(
        [str(executable), "autograde", assignment, "--create", "--force", "--log-level=ERROR", f"--ExecutePreprocessor.timeout={int(limits.cell_seconds)}"],
        cwd=course, env=environment, check=True, capture_output=True,
    )
    return time.perf_counter() - started


def kit_run(course: Path, assignment: str, jobs: int, limits: Limits) -> tuple[float, float]:
    """Grade the course's submissions with the kit in a fresh process; return (seconds, peak MiB).

    The peak is the largest resident size of one process the kit started (a
    worker, the template or a sandboxed child), measured apart from the
    nbgrader kernels this process starts.
    """
    command = [sys.executable, __file__, "--grade-course", str(course), "--sets", assignment, "--jobs", str(jobs), "--cell-timeout", str(limits.cell_seconds)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
    return float(output[-2]), float(output[-1])


def scaling_run(assignment: str, count: int, jobs: int, limits: Limits) -> tuple[float, float]:
    """Grade a class of `count` with the kit; return (seconds, peak MiB of one kit process)."""
    with tempfile.TemporaryDirectory(prefix="matcalc-scale-") as folder:
        course = Path(folder)
        build_class(course, assignment, count)
        started = time.perf_counter()
        grade_batch([course / "submitted"], assignment, course / "kit-out", jobs=jobs, regrade=True, limits=limits)
        seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def scaling(sizes: list[int], assignment: str, jobs: int, limits: Limits) -> None:
    """Print how the kit's time grows with the class size; each size runs in a fresh process."""
    print(f"scaling: {assignment}, kit jobs {jobs}, cell limit {limits.cell_seconds:g} s")
    print("| submissions | seconds | s/sub | sub/s | peak MiB of one process |")
    print("|---|---|---|---|---|")
    for count in sizes:
        command = [sys.executable, __file__, "--scaling-one", str(count), "--sets", assignment, "--jobs", str(jobs), "--cell-timeout", str(limits.cell_seconds)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
        seconds, memory = float(output[-2]), float(output[-1])
        print(f"| {count} | {seconds:.1f} | {seconds / count:.3f} | {count / seconds:.1f} | {memory:.0f} |", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-set", type=int, default=100, help="submissions per problem set (default: 100)")
    parser.add_argument("--sets", nargs="+", default=list(ASSIGNMENTS), choices=ASSIGNMENTS, help="problem sets to grade (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kit workers (default: the number of cores)")
    parser.add_argument("--cell-timeout", type=float, default=10.0, help="seconds per cell for every run (default: 10)")
    parser.add_argument("--skip-nbgrader", action="store_true", help="leave out the nbgrader run (the slowest)")
    parser.add_argument("--scaling", type=int, nargs="+", metavar="N", help="instead: grade classes of these sizes with the kit only, of the first set, and print how time grows")
    parser.add_argument("--scaling-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--grade-course", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    limits = Limits(cell_seconds=args.cell_timeout, call_seconds=min(args.cell_timeout, 10.0))
    if args.grade_course:
        started = time.perf_counter()
        grade_batch([args.grade_course / "submitted"], args.sets[0], args.grade_course / f"kit-out-{args.jobs}", jobs=args.jobs, regrade=True, limits=limits)
        seconds = time.perf_counter() - started
        print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f}")
        return 0
    if args.scaling_one:
        seconds, memory = scaling_run(args.sets[0], args.scaling_one, args.jobs, limits)
        print(f"{seconds:.3f} {memory:.1f}")
        return 0
    if args.scaling:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
        scaling(args.scaling, args.sets[0], args.jobs, limits)
        return 0

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    print(f"class: {args.per_set} submissions per set, sets {' '.join(args.sets)}, cell limit {limits.cell_seconds:g} s, kit jobs {args.jobs}")
    # One row per set and part: notebooks that finish within every limit, and
    # notebooks that reach a time limit, which every tool must wait out.
    rows: dict[tuple[str, str], Row] = {}
    for assignment in args.sets:
        with tempfile.TemporaryDirectory(prefix="matcalc-bench-") as folder:
            notebooks = build_class(Path(folder) / "class", assignment, args.per_set)
            parts = split_class(Path(folder), notebooks, assignment, limits)
            for part, paths in parts.items():
                if not paths:
                    continue
                course = Path(folder) / part
                kit_serial, _memory = kit_run(course, assignment, 1, limits)
                kit, memory = kit_run(course, assignment, args.jobs, limits)
                floor = floor_run(paths, assignment, limits)
                nbgrader = None if args.skip_nbgrader else nbgrader_run(course, assignment, limits)
                rows[assignment, part] = Row(len(paths), kit, kit_serial, floor, nbgrader, memory)
                print(f"  graded {assignment} ({part}): {len(paths)} notebooks", flush=True)

    print()
    print(Row.header(args.jobs))
    for assignment in args.sets:
        print(Row.total([row for (name, _part), row in rows.items() if name == assignment]).line(assignment))
    if len(args.sets) > 1:
        for part, label in (("finish", "all sets, finishing"), ("limit", "all sets, reaching a limit")):
            selected = [row for (_name, name_part), row in rows.items() if name_part == part]
            if selected:
                print(Row.total(selected).line(label))
        print(Row.total(list(rows.values())).line("all sets"))
    print(f"peak memory of one process started by the kit (worker, template or sandbox): {max(row.memory for row in rows.values()):.0f} MiB")
    return 0


@dataclass
class Row:
    """Seconds that each run took on one group of notebooks."""

    count: int
    kit: float
    kit_serial: float
    floor: float
    nbgrader: Optional[float]
    memory: float

    @staticmethod
    def total(rows: list["Row"]) -> "Row":
        nbgrader = None if any(row.nbgrader is None for row in rows) else sum(row.nbgrader for row in rows)
        return Row(
            sum(row.count for row in rows), sum(row.kit for row in rows), sum(row.kit_serial for row in rows),
            sum(row.floor for row in rows), nbgrader, max(row.memory for row in rows),
        )

    @staticmethod
    def header(jobs: int) -> str:
        """Return the head of the Markdown table that `line` fills, as docs/benchmarks.md shows it."""
        names = ["rows", "n", f"kit, {jobs} jobs (s/sub)", "kit, 1 job (s/sub)", "floor (s/sub)", "nbgrader (s/sub)", "kit sub/s", "nbgrader / kit", "kit / floor", "kit 1 job / floor"]
        return "| " + " | ".join(names) + " |\n" + "|---" * len(names) + "|"

    def line(self, label: str) -> str:
        """Return one row of the Markdown table: seconds per submission and the ratios."""
        count = self.count
        cells = [label, str(count), f"{self.kit / count:.3f}", f"{self.kit_serial / count:.3f}", f"{self.floor / count:.3f}"]
        cells.append(f"{self.nbgrader / count:.3f}" if self.nbgrader is not None else "-")
        cells.append(f"{count / self.kit:.1f}")
        cells.append(f"{self.nbgrader / self.kit:.1f}" if self.nbgrader is not None else "-")
        cells += [f"{self.kit / self.floor:.2f}", f"{self.kit_serial / self.floor:.2f}"]
        return "| " + " | ".join(cells) + " |"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
