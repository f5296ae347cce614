"""Grade a class: find submissions, grade them in parallel, write results and the gradebook.

Each submission is graded in a worker process of its own slot; one
submission's failure is recorded as its own result and never stops the batch.
Result files are written atomically, and a rerun skips a submission whose
result exists for the same file unless asked to regrade.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from autograder.grader import grade_notebook
from autograder.i18n import get_language, set_language, translator
from autograder.results import SubmissionResult, write_json_atomic
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


def _init_worker(counter, language: str) -> None:
    global _worker_slot
    with counter.get_lock():
        _worker_slot = counter.value
        counter.value += 1
    set_language(language)
    # A worker grades many submissions: keep one pytest session per assignment open.
    keep_sessions(True)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _grade_one(item: SubmissionFile, assignment: str, out: Path, limits: Limits, private_paths: list[Path]) -> tuple[dict, float]:
    result = grade_notebook(item.path, assignment, submission=item.name, limits=limits, slot=_worker_slot, private_paths=private_paths)
    write_json_atomic(out / f"{item.name}.json", result.to_dict())
    return result.to_dict(), result.grading_seconds


class _Progress:
    """A progress line on a terminal, plain log lines otherwise.

    The line is drawn again every second, so its estimate follows a
    submission that runs long.  When every submission left is already being
    graded, a time estimate from the rate so far would be wrong (the last
    one may be waiting out a time limit), so the line shows how many are
    still running and how long since one finished instead.
    """

    REDRAW_SECONDS = 1.0
    QUIET_LOG_SECONDS = 30.0

    def __init__(self, total: int, workers: int, stream=sys.stderr, clock=time.perf_counter):
        self.total = total
        self.workers = max(1, workers)
        self.done = 0
        self.clock = clock
        self.started = clock()
        self.last_finished = self.started
        self.last_logged = self.started
        self.stream = stream
        self.tty = stream.isatty()

    def line(self) -> str:
        """Return the progress line for the state at this moment."""
        _ = translator("autograder")
        now = self.clock()
        elapsed = now - self.started
        left = self.total - self.done
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        if left == 0:
            return bar + "  " + _("done in {seconds:.0f} s").format(seconds=elapsed)
        if self.done == 0:
            return bar + "  " + _("{seconds:.0f} s so far").format(seconds=elapsed)
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if left <= self.workers:
            return bar + "  " + _("{count} still running, {seconds:.0f} s since the last one finished").format(count=left, seconds=now - self.last_finished)
        return bar + "  " + _("{rate:.1f}/s, about {seconds:.0f} s left").format(rate=rate, seconds=left / rate if rate > 0 else 0.0)

    def _draw(self) -> None:
        self.stream.write(f"\r{self.line()}\x1b[K")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()

    def update(self, name: str, result: SubmissionResult) -> None:
        """Count one finished submission."""
        self.done += 1
        self.last_finished = self.last_logged = self.clock()
        if self.tty:
            self._draw()
        else:
            elapsed = self.last_finished - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            log.info("%s: %s, %.6g/%.6g points (%d/%d done, %.1f/s)", name, result.status, result.score, result.max_score, self.done, self.total, rate)

    def tick(self) -> None:
        """Redraw the line; without a terminal, log once in a while that grading goes on."""
        if self.tty:
            self._draw()
            return
        now = self.clock()
        if now - self.last_logged >= self.QUIET_LOG_SECONDS:
            self.last_logged = now
            log.info("%d/%d done; still grading, none finished in the last %.0f s", self.done, self.total, now - self.last_finished)


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
    progress = _Progress(len(pending), workers)
    if pending:
        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(counter, get_language())) as pool:
            private_paths = [*paths, out]
            futures = {pool.submit(_grade_one, item, assignment, out, limits, private_paths): item for item in pending}
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
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, path)


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
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(temporary, path)
