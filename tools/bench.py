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

It prints seconds per submission, submissions per second, the ratios and
the peak memory, and is not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from autograder import ASSIGNMENTS  # noqa: E402
from autograder.batch import grade_batch  # noqa: E402
from autograder.grader import COURSE_SETUP  # noqa: E402
from autograder.notebook import read_submission  # noqa: E402
from autograder.sandbox.session import Limits  # noqa: E402
from autograder.testrun import LocalStudent, run_hidden_tests  # noqa: E402


def build_class(folder: Path, assignment: str, count: int) -> list[Path]:
    """Write `count` submissions of `assignment` in nbgrader's layout under `folder`."""
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
            shutil.copy(samples[(index // 3) % len(samples)], target)
        else:
            function, path = entries[index % len(entries)]
            _expect, code = read_entry(path)
            nbformat.write(with_solution(source, function, code), target)
        written.append(target)
    return written


class _Alarm(BaseException):
    pass


def _alarm(signum, frame):
    raise _Alarm()


class _TimedStudent(LocalStudent):
    """The floor's student backend: local calls with the kit's per-call time limit.

    The hidden tests run in the open pytest session's thread, where no
    signal can be used, so a timer thread raises the time-out in the
    calling thread.  A function that ran out of time once fails its later
    calls at once, as it does in the kit's sandbox session.
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
    print(f"{'n':>6}{'seconds':>10}{'s/sub':>9}{'sub/s':>9}{'peak MiB':>10}")
    for count in sizes:
        command = [sys.executable, __file__, "--scaling-one", str(count), "--sets", assignment, "--jobs", str(jobs), "--cell-timeout", str(limits.cell_seconds)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
        seconds, memory = float(output[-2]), float(output[-1])
        print(f"{count:>6}{seconds:10.1f}{seconds / count:9.3f}{count / seconds:9.1f}{memory:10.0f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-set", type=int, default=200, help="submissions per problem set (default: 200)")
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
    rows = []
    for assignment in args.sets:
        with tempfile.TemporaryDirectory(prefix="matcalc-bench-") as folder:
            course = Path(folder)
            notebooks = build_class(course, assignment, args.per_set)
            kit_serial_seconds, _memory = kit_run(course, assignment, 1, limits)
            kit_seconds, kit_memory_mb = kit_run(course, assignment, args.jobs, limits)
            floor_seconds = floor_run(notebooks, assignment, limits)
            nbgrader_seconds = None if args.skip_nbgrader else nbgrader_run(course, assignment, limits)
        rows.append((assignment, len(notebooks), kit_seconds, kit_serial_seconds, floor_seconds, nbgrader_seconds, kit_memory_mb))

    print()
    print(f"{'set':<15}{'n':>5}{'kit s/sub':>11}{'kit 1 job':>11}{'floor s/sub':>13}{'nbgrader s/sub':>16}{'kit sub/s':>11}{'nbgrader/kit':>14}{'kit/floor':>11}{'kit 1 job/floor':>17}")
    for assignment, count, kit, kit_serial, floor, nbgrader, _memory in rows:
        nbgrader_text = f"{nbgrader / count:16.3f}" if nbgrader is not None else f"{'-':>16}"
        ratio_text = f"{nbgrader / kit:14.1f}" if nbgrader is not None else f"{'-':>14}"
        print(f"{assignment:<15}{count:>5}{kit / count:11.3f}{kit_serial / count:11.3f}{floor / count:13.3f}{nbgrader_text}{count / kit:11.1f}{ratio_text}{kit / floor:11.2f}{kit_serial / floor:17.2f}")
    if len(rows) > 1:
        count = sum(row[1] for row in rows)
        kit, kit_serial, floor = (sum(row[index] for row in rows) for index in (2, 3, 4))
        nbgrader = None if any(row[5] is None for row in rows) else sum(row[5] for row in rows)
        nbgrader_text = f"{nbgrader / count:16.3f}" if nbgrader is not None else f"{'-':>16}"
        ratio_text = f"{nbgrader / kit:14.1f}" if nbgrader is not None else f"{'-':>14}"
        print(f"{'all sets':<15}{count:>5}{kit / count:11.3f}{kit_serial / count:11.3f}{floor / count:13.3f}{nbgrader_text}{count / kit:11.1f}{ratio_text}{kit / floor:11.2f}{kit_serial / floor:17.2f}")
    print(f"peak memory of one process started by the kit (worker, template or sandbox): {max(row[6] for row in rows):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
