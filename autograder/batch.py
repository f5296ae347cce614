"""Grade a class: find submissions, grade them in parallel, write results and the gradebook.

Each submission is graded in a worker process of its own slot; one
submission's failure is recorded as its own result and never stops the batch.
Result files are written atomically, and a rerun skips a submission whose
result exists for the same file unless asked to regrade.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import multiprocessing
import os
import statistics
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from autograder.grader import grade_notebook
from autograder.i18n import get_language, set_language, translator
from autograder.results import SubmissionResult, write_json_atomic, write_text_atomic
from autograder.rubric import load_rubric
from autograder.sandbox.session import Limits
from autograder.testrun import keep_sessions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmissionFile:
    """A notebook to grade and the name its result is filed under."""

    name: str
    path: Path


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip("._")
    return cleaned or "submission"


def _submission_name(given: Path, notebook: Path, assignment: str) -> str:
    """Name a notebook after its student in nbgrader's layout, otherwise after its file."""
    if not given.is_dir():
        return notebook.stem
    parts = notebook.relative_to(given).parts
    if len(parts) >= 3 and parts[-2] == assignment:
        return parts[-3]
    if len(parts) == 2 and parts[0] == assignment:
        # The folder given is one student's folder.
        return given.resolve().name
    return notebook.stem


def discover(paths: Iterable[Path], assignment: str) -> list[SubmissionFile]:
    """List the notebooks under `paths`.

    A notebook at ``<student>/<assignment>/<file>.ipynb`` (nbgrader's
    ``submitted`` layout) is named after the student; any other notebook after
    its file stem.  Clashing names get a numeric suffix.
    """
    found: list[SubmissionFile] = []
    for path in paths:
        if path.is_dir():
            notebooks = sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
            # In nbgrader's layout a folder contains every assignment, so keep this one's.
            in_layout = [p for p in notebooks if p.parent.name == assignment]
            if in_layout:
                notebooks = in_layout
        elif path.exists():
            notebooks = [path]
        else:
            raise FileNotFoundError(f"submission path not found: {path}")
        for notebook in notebooks:
            found.append(SubmissionFile(_safe_name(_submission_name(path, notebook, assignment)), notebook))
    used: dict[str, int] = {}
    unique = []
    for item in found:
        count = used.get(item.name, 0)
        used[item.name] = count + 1
        if count:
            log.warning("two submissions are both named %s; filing %s as %s-%d", item.name, item.path, item.name, count + 1)
            item = SubmissionFile(f"{item.name}-{count + 1}", item.path)
        unique.append(item)
    return unique


def _already_graded(out: Path, item: SubmissionFile) -> Optional[SubmissionResult]:
    result_path = out / f"{item.name}.json"
    if not result_path.exists():
        return None
    try:
        data = json.loads(result_path.read_text(encoding="utf-8"))
        previous = SubmissionResult.from_dict(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    import hashlib

    try:
        current = hashlib.sha256(item.path.read_bytes()).hexdigest()
    except OSError:
        return None
    if previous.notebook_sha256 != current or previous.status == "grader_error":
        return None
    return previous


_worker_slot = 0


def _init_worker(counter, board, language: str) -> None:
    global _worker_slot, _board
    _board = board
    with counter.get_lock():
        _worker_slot = counter.value
        counter.value += 1
    set_language(language)
    # A worker grades many submissions: keep one pytest session per assignment open.
    keep_sessions(True)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _grade_one(index: int, item: SubmissionFile, assignment: str, out: Path, limits: Limits, private_paths: list[Path]) -> tuple[dict, float]:
    _mark_running(index + 1)  # the number of the submission, counted from 1
    try:
        result = grade_notebook(item.path, assignment, submission=item.name, limits=limits, slot=_worker_slot, private_paths=private_paths)
        write_json_atomic(out / f"{item.name}.json", result.to_dict())
    finally:
        _mark_running(0)
    return result.to_dict(), result.grading_seconds


class _Progress:
    """A progress line on a terminal, plain log lines otherwise.

    The line is drawn again every second.  The time left comes from the
    median time of the submissions graded so far, not from the overall rate,
    so one slow submission does not distort it.  While a submission runs far
    longer than the median (it may be waiting out a time limit), the line
    names it and gives no estimate, because its end cannot be predicted.
    """

    REDRAW_SECONDS = 1.0
    QUIET_LOG_SECONDS = 30.0
    SLOW_SECONDS = 5.0
    """A submission running this long, and ten times the median, is named."""

    def __init__(self, total: int, workers: int, stream=sys.stderr, clock=time.monotonic, running=lambda: []):
        self.total = total
        self.workers = max(1, workers)
        self.done = 0
        self.durations: list[float] = []
        self.clock = clock
        # A callable returning (name, start time on `clock`) of each submission being graded.
        self.running = running
        self.started = clock()
        self.last_finished = self.started
        self.last_logged = self.started
        self.stream = stream
        self.tty = stream.isatty()

    def _slow(self, now: float) -> list[tuple[str, float]]:
        """Return (name, seconds so far) of the submissions running far longer than the median, longest first."""
        threshold = max(self.SLOW_SECONDS, 10 * statistics.median(self.durations)) if self.durations else self.SLOW_SECONDS
        ages = [(name, now - started) for name, started in self.running()]
        return sorted(((name, age) for name, age in ages if age >= threshold), key=lambda pair: -pair[1])

    def line(self) -> str:
        """Return the progress line for the state at this moment."""
        _ = translator("autograder")
        now = self.clock()
        elapsed = now - self.started
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        if self.done == self.total:
            return f"{bar}  " + _("done in {seconds:.0f} s").format(seconds=elapsed)
        rate = self.done / elapsed if elapsed > 0 else 0.0
        slow = self._slow(now)
        details = []
        if not self.durations:
            details.append(_("{seconds:.0f} s so far").format(seconds=elapsed))
        elif slow:
            details.append(_("{rate:.1f}/s").format(rate=rate))
        else:
            queued = self.total - self.done - len(self.running())
            left = queued * statistics.median(self.durations) / self.workers
            if queued <= 0:
                details.append(_("{count} still running").format(count=self.total - self.done))
            elif left < 1:
                details.append(_("{rate:.1f}/s, less than 1 s left").format(rate=rate))
            else:
                details.append(_("{rate:.1f}/s, about {seconds:.0f} s left").format(rate=rate, seconds=left))
        if slow:
            name, age = slow[0]
            details.append(_("{name} running for {seconds:.0f} s").format(name=name, seconds=age))
        return f"{bar}  " + "; ".join(details)

    def _draw(self) -> None:
        self.stream.write(f"\r{self.line()}\x1b[K")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()

    def update(self, name: str, result: SubmissionResult) -> None:
        """Count one finished submission."""
        self.done += 1
        self.durations.append(result.grading_seconds)
        self.last_finished = self.last_logged = self.clock()
        if self.tty:
            self._draw()
        else:
            elapsed = self.last_finished - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            log.info("%s: %s, %.6g/%.6g points (%d/%d done, %.1f/s)", name, result.status, result.score, result.max_score, self.done, self.total, rate)

    def tick(self) -> None:
        """Redraw the line; without a terminal, log once in a while which submissions are still running."""
        if self.tty:
            self._draw()
            return
        now = self.clock()
        if now - self.last_logged >= self.QUIET_LOG_SECONDS:
            self.last_logged = now
            running = ", ".join(f"{name} ({now - started:.0f} s)" for name, started in sorted(self.running(), key=lambda pair: pair[1]))
            log.info("%d/%d done; none finished in the last %.0f s; running: %s", self.done, self.total, now - self.last_finished, running or "-")


class _RunningBoard:
    """The submission each worker grades and its start time, in memory shared with the workers."""

    def __init__(self, context, workers: int, names: list[str]):
        self.names = names
        self.slots = context.Array("d", 2 * workers)

    def running(self) -> list[tuple[str, float]]:
        """Return (name, start time) of each submission a worker is grading now."""
        values = self.slots[:]
        return [(self.names[int(values[i]) - 1], values[i + 1]) for i in range(0, len(values), 2) if values[i] > 0]


_board = None


def _mark_running(number: int) -> None:
    """Record in the worker's slot that submission `number` (counted from 1, 0 for none) started now."""
    if _board is not None:
        with _board.get_lock():
            _board[2 * _worker_slot] = number
            _board[2 * _worker_slot + 1] = time.monotonic()


class _ClearLineFormatter(logging.Formatter):
    """A log formatter that first clears the terminal's progress line, which the next redraw restores."""

    def __init__(self, inner: logging.Formatter):
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return "\r\x1b[K" + self.inner.format(record)


@contextlib.contextmanager
def _logs_clear_progress_line(stream):
    """Make log lines written to `stream` (a terminal) clear the progress line first, here and in forked workers."""
    handlers = [handler for handler in logging.getLogger().handlers if isinstance(handler, logging.StreamHandler) and getattr(handler, "stream", None) is stream]
    saved = [handler.formatter for handler in handlers]
    for handler in handlers:
        handler.setFormatter(_ClearLineFormatter(handler.formatter or logging.Formatter()))
    try:
        yield
    finally:
        for handler, formatter in zip(handlers, saved):
            handler.setFormatter(formatter)


def grade_batch(paths: Iterable[Path], assignment: str, out: Path, jobs: int = 1, regrade: bool = False, limits: Optional[Limits] = None) -> list[SubmissionResult]:
    """Grade every submission under `paths`; write ``out/<name>.json`` and ``out/gradebook.csv``."""
    load_rubric(assignment)
    paths = list(paths)
    items = discover(paths, assignment)
    out.mkdir(parents=True, exist_ok=True)
    limits = limits or Limits()
    results: dict[str, SubmissionResult] = {}
    pending = []
    for item in items:
        previous = None if regrade else _already_graded(out, item)
        if previous is not None:
            log.info("skipping %s: already graded (use --regrade to grade again)", item.name)
            results[item.name] = previous
        else:
            pending.append(item)
    workers = max(1, min(jobs, len(pending)))
    context = multiprocessing.get_context("fork")
    board = _RunningBoard(context, workers, [item.name for item in pending])
    progress = _Progress(len(pending), workers, running=board.running)
    if pending:
        counter = context.Value("i", 0)
        clear_line = _logs_clear_progress_line(progress.stream) if progress.tty else contextlib.nullcontext()
        with clear_line, ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(counter, board.slots, get_language())) as pool:
            private_paths = [*paths, out]
            futures = {pool.submit(_grade_one, index, item, assignment, out, limits, private_paths): item for index, item in enumerate(pending)}
            for future in _as_completed_ticking(futures, progress):
                item = futures[future]
                try:
                    data, seconds = future.result()
                    result = SubmissionResult.from_dict(data)
                    result.grading_seconds = seconds
                except Exception:
                    log.exception("submission %s: the grading worker failed", item.name)
                    result = _worker_failure(item, assignment)
                    write_json_atomic(out / f"{item.name}.json", result.to_dict())
                results[item.name] = result
                progress.update(item.name, result)
    ordered = [results[item.name] for item in items]
    write_gradebook(out / "gradebook.csv", assignment, ordered)
    write_timings(out / "timings.csv", [results[item.name] for item in pending])
    return ordered


def _as_completed_ticking(futures, progress: _Progress):
    """Yield the futures as they finish, and tick the progress every second in between."""
    waiting = set(futures)
    while waiting:
        finished, waiting = wait(waiting, timeout=progress.REDRAW_SECONDS, return_when=FIRST_COMPLETED)
        if not finished:
            progress.tick()
        yield from finished


def write_timings(path: Path, results: list[SubmissionResult]) -> None:
    """Write the seconds each submission graded in this run took (kept out of the result files)."""
    if not results:
        return
    lines = ["submission,status,grading_seconds"] + [f"{result.submission},{result.status},{result.grading_seconds:.3f}" for result in results]
    write_text_atomic(path, "\n".join(lines) + "\n")


def _worker_failure(item: SubmissionFile, assignment: str) -> SubmissionResult:
    from autograder.grader import GRADER_FAULT_MESSAGE, _zero_tests
    from autograder.i18n import translator

    message = translator("autograder")(GRADER_FAULT_MESSAGE)
    return SubmissionResult(assignment=assignment, submission=item.name, notebook=str(item.path), status="grader_error", tests=_zero_tests(assignment, "grader_error", message), language=get_language())


def write_gradebook(path: Path, assignment: str, results: list[SubmissionResult]) -> None:
    """Write one row per submission: total, status and the score of each function."""
    functions = load_rubric(assignment).functions
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["submission", "assignment", "status", "score", "max_score", *functions])
    for result in results:
        scores = result.function_scores()
        writer.writerow([result.submission, assignment, result.status, f"{result.score:g}", f"{result.max_score:g}", *(f"{scores.get(name, (0.0, 0.0))[0]:g}" for name in functions)])
    write_text_atomic(path, buffer.getvalue())
