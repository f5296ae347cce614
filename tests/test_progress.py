"""The progress the batch grader shows the instructor while a class is being graded."""

import io
import logging
import os
import stat

import nbformat

from autograder.batch import _Progress, grade_batch
from autograder.i18n import language
from autograder.results import SubmissionResult
from autograder.sandbox.session import Limits
from conftest import EXAMPLES


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def finished(seconds, name="alice"):
    return SubmissionResult(assignment="ps3_ols", submission=name, notebook=f"{name}.ipynb", status="graded", tests=[], grading_seconds=seconds)


def progress_with(running, total=10, workers=2):
    clock = Clock()
    progress = _Progress(total, workers=workers, stream=Terminal(), clock=clock, running=lambda: running)
    return clock, progress


def progress_after(durations, running):
    """Return the clock and a progress of 10 submissions after those of `durations` finished within 4 s."""
    clock, progress = progress_with(running)
    clock.now += 4.0
    for seconds in durations:
        progress.update("alice", finished(seconds))
    return clock, progress


def line_in(lang, progress):
    with language(lang):
        return progress.line()


def test_progress_time_left_from_median():
    _clock, progress = progress_after([0.5, 1.0, 1.0, 9.0], [("bob", 103.0), ("carol", 103.5)])
    # 4 left in the queue, a median of 1 s each, 2 workers.
    assert line_in("en", progress).endswith("4/10  1.0/s, about 2 s left")
    assert line_in("zh_TW", progress).endswith("4/10  每秒 1.0 份,約剩 2 秒")


def test_progress_less_than_a_second_left():
    _clock, progress = progress_after([0.1, 0.1, 0.2], [("bob", 103.0), ("carol", 103.5)])
    assert line_in("en", progress).endswith("3/10  0.8/s, less than 1 s left")
    assert line_in("zh_TW", progress).endswith("3/10  每秒 0.8 份,剩不到 1 秒")


def test_progress_names_a_slow_submission():
    """A submission waiting out a time limit is named, and no time left is claimed."""
    clock, progress = progress_after([0.2] * 5, [("looper", 101.0), ("bob", 129.5)])
    clock.now += 26.0
    assert line_in("en", progress).endswith("5/10  0.2/s; looper running for 29 s")
    assert line_in("zh_TW", progress).endswith("5/10  每秒 0.2 份; looper 已跑了 29 秒")


def test_progress_last_running_submissions():
    _clock, progress = progress_after([0.4] * 9, [("bob", 103.0)])
    assert line_in("en", progress).endswith("9/10  1 still running")
    assert line_in("zh_TW", progress).endswith("9/10  還有 1 份批改中")


def test_progress_before_any_finishes():
    running = [("looper", 100.0), ("bob", 100.0)]
    clock, progress = progress_with(running)
    clock.now += 3.0
    assert line_in("en", progress).endswith("0/10  3 s so far")
    clock.now += 5.0
    assert line_in("en", progress).endswith("0/10  8 s so far; looper running for 8 s")


def test_progress_terminal_redraws_one_line():
    clock, progress = progress_with([], total=2)
    clock.now += 1.0
    progress.tick()
    progress.update("alice", finished(0.5))
    clock.now += 2.0
    with language("en"):
        progress.update("bob", finished(0.5))
    text = progress.stream.getvalue()
    assert text.count("\n") == 1
    assert text.endswith("2/2  done in 3 s\x1b[K\n")
    assert text.count("\r") == 3


def test_batch_logs_submissions_and_long_wait(tmp_path, caplog, monkeypatch):
    """Without a terminal: one log line per submission, and a line naming a submission that runs long."""
    loops = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("while True:\n    pass")])
    nbformat.write(loops, tmp_path / "loops.ipynb")
    monkeypatch.setattr(_Progress, "QUIET_LOG_SECONDS", 1.5)
    caplog.set_level(logging.INFO, logger="autograder.batch")
    paths = [EXAMPLES / "submitted" / "lin_yuting", tmp_path / "loops.ipynb"]
    results = grade_batch(paths, "ps3_ols", tmp_path / "out", jobs=2, limits=Limits(cell_seconds=4.0, call_seconds=2.0))
    assert [result.submission for result in results] == ["lin_yuting", "loops"]
    lines = [record.getMessage() for record in caplog.records if record.name == "autograder.batch"]
    graded = {line.split(":")[0]: line for line in lines if "points" in line}
    assert set(graded) == {"lin_yuting", "loops"}
    lin = results[0]
    assert graded["lin_yuting"].startswith(f"lin_yuting: {lin.status}, {lin.score:g}/{lin.max_score:g} points (")
    waits = [line for line in lines if line.startswith("1/2 done; none finished in the last")]
    assert waits
    assert "running: loops (" in waits[0]


def test_batch_files_readable_by_owner_only(tmp_path):
    """Every file that contains students' scores gets the same mode, whatever the umask."""
    previous = os.umask(0o022)
    try:
        grade_batch([EXAMPLES / "submitted" / "lin_yuting"], "quiz", tmp_path / "out", jobs=1, limits=Limits(cell_seconds=10.0, call_seconds=5.0))
    finally:
        os.umask(previous)
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in (tmp_path / "out").iterdir()}
    assert modes == {"lin_yuting.json": 0o600, "gradebook.csv": 0o600, "timings.csv": 0o600}
