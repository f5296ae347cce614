"""The progress the batch grader shows the instructor while a class is being graded."""

import io
import logging

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


def finished(name="alice"):
    return SubmissionResult(assignment="ps3_ols", submission=name, notebook=f"{name}.ipynb", status="graded", tests=[])


def test_progress_time_left_from_rate():
    clock = Clock()
    progress = _Progress(10, workers=2, stream=Terminal(), clock=clock)
    clock.now += 4.0
    for _ in range(4):
        progress.update("alice", finished())
    with language("en"):
        assert progress.line().endswith("4/10  1.0/s, about 6 s left")
    with language("zh_TW"):
        assert progress.line().endswith("4/10  每秒 1.0 份,約剩 6 秒")


def test_progress_estimate_grows_while_waiting():
    clock = Clock()
    progress = _Progress(10, workers=2, stream=Terminal(), clock=clock)
    clock.now += 4.0
    for _ in range(4):
        progress.update("alice", finished())
    clock.now += 4.0
    with language("en"):
        # 4 done in 8 s: 0.5 per second, 6 left.
        assert progress.line().endswith("0.5/s, about 12 s left")


def test_progress_no_estimate_for_last_running():
    """A submission waiting out a time limit must not show as "1 s left" for half a minute."""
    clock = Clock()
    progress = _Progress(10, workers=2, stream=Terminal(), clock=clock)
    clock.now += 4.0
    for _ in range(9):
        progress.update("alice", finished())
    clock.now += 25.0
    with language("en"):
        assert progress.line().endswith("9/10  1 still running, 25 s since the last one finished")
    with language("zh_TW"):
        assert progress.line().endswith("9/10  還有 1 份在評,距上一份評完 25 秒")


def test_progress_terminal_redraws_one_line():
    clock = Clock()
    stream = Terminal()
    progress = _Progress(2, workers=2, stream=stream, clock=clock)
    clock.now += 1.0
    progress.tick()
    progress.update("alice", finished())
    clock.now += 2.0
    with language("en"):
        progress.update("bob", finished())
    text = stream.getvalue()
    assert text.count("\n") == 1
    assert text.endswith("2/2  done in 3 s\x1b[K\n")
    assert text.count("\r") == 3


def test_batch_logs_submissions_and_long_wait(tmp_path, caplog, monkeypatch):
    """Without a terminal: one log line per submission, and a line when a submission runs long."""
    loops = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("while True:\n    pass")])
    nbformat.write(loops, tmp_path / "loops.ipynb")
    monkeypatch.setattr(_Progress, "QUIET_LOG_SECONDS", 1.0)
    caplog.set_level(logging.INFO, logger="autograder.batch")
    paths = [EXAMPLES / "submitted" / "lin_yuting", tmp_path / "loops.ipynb"]
    results = grade_batch(paths, "ps3_ols", tmp_path / "out", jobs=2, limits=Limits(cell_seconds=4.0, call_seconds=2.0))
    assert [result.submission for result in results] == ["lin_yuting", "loops"]
    lines = [record.getMessage() for record in caplog.records if record.name == "autograder.batch"]
    graded = {line.split(":")[0]: line for line in lines if "points" in line}
    assert set(graded) == {"lin_yuting", "loops"}
    lin = results[0]
    assert graded["lin_yuting"].startswith(f"lin_yuting: {lin.status}, {lin.score:g}/{lin.max_score:g} points (")
    assert any(line.startswith("1/2 done; still grading, none finished in the last") for line in lines)
