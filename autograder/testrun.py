"""Run the hidden pytest tests of an assignment against one student backend.

The `student` fixture is provided by `StudentPlugin`; its backend is either
the sandboxed child (`autograder.sandbox.session`) or, for the hidden-test
cells that ``nbgrader autograde`` runs, the notebook's own namespace
(`LocalStudent`).  Both return values through the same wire format, so every
route sees the same plain data and gives the same score.
"""

from __future__ import annotations

import copy
import io
import logging
import queue
import threading
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

import pytest

from autograder.harness import (
    CallOutcome,
    FunctionCheckFailed,
    FunctionMissing,
    NotImplementedStub,
    StudentCallError,
    StudentRaised,
    VariableMissing,
)
from autograder.i18n import join_sentences, translator
from autograder.results import TestResult
from autograder.rubric import Rubric, load_rubric
from autograder.sandbox import wire

_ = translator("autograder")
log = logging.getLogger(__name__)

HIDDEN_DIR = Path(__file__).with_name("hidden")


class LocalStudent:
    """Call functions from a namespace in this process, as nbgrader's kernel does.

    Arguments are deep-copied and results go through the wire format, so a
    local call returns the same plain data as a sandboxed one.
    """

    def __init__(self, namespace: Mapping[str, Any]):
        self.namespace = namespace

    def value(self, name: str) -> Any:
        """Return the namespace's global `name` as plain data, as the sandbox sends it."""
        if name not in self.namespace:
            raise VariableMissing(name)
        value = self.namespace[name]
        if isinstance(value, str):
            text = str.__getitem__(value, slice(0, 500))
            value = text if str.__len__(value) <= 500 else text[:-1] + "…"
        return wire.decode(wire.encode(value))

    def call(self, function: str, args: tuple) -> CallOutcome:
        target = self.namespace.get(function)
        if not callable(target):
            raise FunctionMissing(function)
        call_args = wire.decode(wire.encode(copy.deepcopy(tuple(args))), define_function=_define_local)
        try:
            value = target(*call_args)
        except NotImplementedError:
            raise NotImplementedStub(function) from None
        except Exception as error:
            raise StudentRaised(function, type(error).__name__, str(error)[:500], traceback.format_exc(limit=-3)) from None
        value = wire.decode(wire.encode(value))
        args_after = wire.decode(wire.encode(tuple(call_args)), define_function=_define_local)
        return CallOutcome(value=value, args_after=args_after)


def _define_local(source: str) -> Callable:
    from autograder.harness import define_function

    return define_function(source)


class StudentPlugin:
    """pytest plugin: the `student` fixture and the collection of per-test outcomes."""

    def __init__(self, student: Any, rubric: Rubric):
        self._student = student
        self.rubric = rubric
        self.outcomes: dict[str, tuple[str, Optional[BaseException], str]] = {}

    @pytest.fixture
    def student(self) -> Any:
        return self._student

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        outcome = yield
        report = outcome.get_result()
        name = item.originalname if hasattr(item, "originalname") else item.name
        if report.when == "call" or (report.when == "setup" and report.failed):
            error = call.excinfo.value if call.excinfo is not None else None
            self.outcomes[name] = (report.outcome, error, report.longreprtext if report.failed else "")


def _case_suffix(error: BaseException) -> str:
    case = getattr(error, "case", None)
    if case is None or not case.description:
        return ""
    return _("Input: {description}.").format(description=case.description)


def describe_failure(function: str, error: Optional[BaseException]) -> tuple[str, str, Optional[str], Optional[str]]:
    """Turn a test's exception into (status, message, mistake id, stage)."""
    if isinstance(error, FunctionCheckFailed):
        mistake_text = ""
        mistake_id = None
        if error.mistake is not None:
            mistake_id = error.mistake.id
            domain = translator(_mistake_domain(error.mistake.id))
            mistake_text = _("Likely mistake: {title}. {hint}").format(title=domain(error.mistake.title), hint=domain(error.mistake.hint))
        message = join_sentences(error.message, _case_suffix(error), mistake_text)
        return "failed", message, mistake_id, error.stage
    if isinstance(error, VariableMissing):
        return "missing", _("The notebook does not set {name}. Store your answer as a letter in quotes, for example {name} = \"A\", and run that cell.").format(name=function), None, None
    if isinstance(error, FunctionMissing):
        return "missing", _("The notebook does not define {function}. Keep the function name and signature given in the notebook.").format(function=function), None, None
    if isinstance(error, NotImplementedStub):
        return "not_implemented", _("{function} is not implemented yet: it still raises NotImplementedError.").format(function=function), None, None
    if isinstance(error, StudentRaised):
        detail = error.exception_message.strip().rstrip(".。")
        if detail:
            raised = _("{function} raised {type}: {message}.").format(function=function, type=error.exception_type, message=detail)
        else:
            raised = _("{function} raised {type}.").format(function=function, type=error.exception_type)
        return "error", join_sentences(raised, _case_suffix(error)), None, None
    if isinstance(error, StudentCallError):
        if error.repeated and error.status == "timeout":
            return "timeout", join_sentences(_("{function} was not called for this test: an earlier call ran past the time limit ({detail}), so the grader does not wait out the limit again. Look for a loop that never ends or a computation that is far too slow.").format(function=function, detail=error.detail), _case_suffix(error)), None, None
        if error.repeated:
            return error.status, join_sentences(_("{function} was not called for this test: the sandbox stopped during an earlier call ({detail}). Code that calls sys.exit() or os._exit(), or uses too much memory, does this.").format(function=function, detail=error.detail), _case_suffix(error)), None, None
        if error.status == "timeout":
            return "timeout", join_sentences(_("{function} did not finish within the time limit ({detail}). Look for a loop that never ends or a computation that is far too slow; printing a lot inside a loop also slows a function down.").format(function=function, detail=error.detail), _case_suffix(error)), None, None
        return error.status, join_sentences(_("The sandbox stopped while running {function} ({detail}). Code that calls sys.exit() or os._exit(), or uses too much memory, does this.").format(function=function, detail=error.detail), _case_suffix(error)), None, None
    return "grader_error", _("The grader failed on this test; this is not your fault. Please contact your instructor."), None, None


# Mistakes shared by every function live in the engine's domain.
def _mistake_domain(mistake_id: str) -> str:
    from autograder.catalogue import find_mistake_domain

    return find_mistake_domain(mistake_id)


# pytest plugins the hidden tests do not use; leaving them out halves pytest's
# own start-up, which the grader pays once per submission.
_UNUSED_PLUGINS = (
    "junitxml", "doctest", "pastebin", "stepwise", "faulthandler", "setuponly", "setupplan",
    "unraisableexception", "threadexception", "debugging", "legacypath", "logging", "warnings",
)


def _pytest_arguments(assignment: str, node_ids: list[str]) -> list[str]:
    return [
        # Plain Python tracebacks: pytest's own format parses source files,
        # and the traceback is only logged for faults of the grader.
        "-p", "no:cacheprovider", "-p", "no:randomly", "--tb=native",
        *(option for name in _UNUSED_PLUGINS for option in ("-p", f"no:{name}")),
        "-c", str(HIDDEN_DIR / "pytest.ini"), "--rootdir", str(HIDDEN_DIR),
        "-o", "python_files=test_*.py", *node_ids,
    ]


def _node_ids(assignment: str, entries: list) -> list[str]:
    test_file = HIDDEN_DIR / f"test_{assignment}.py"
    return [f"{test_file}::{entry.test}" for entry in entries]


def _score(assignment: str, selected: list, outcomes: dict[str, tuple[str, Optional[BaseException], str]]) -> list[TestResult]:
    """Turn the recorded pytest outcomes of the `selected` rubric entries into scored results."""
    results = []
    for entry in selected:
        recorded = outcomes.get(entry.test)
        if recorded is None:
            log.error("hidden test %s of %s produced no result", entry.test, assignment)
            status, message, mistake, stage = "grader_error", _("The grader failed on this test; this is not your fault. Please contact your instructor."), None, None
        elif recorded[0] == "passed":
            status, message, mistake, stage = "passed", "", None, None
        else:
            status, message, mistake, stage = describe_failure(entry.function, recorded[1])
            if status == "grader_error":
                log.error("hidden test %s of %s failed inside the grader:\n%s", entry.test, assignment, recorded[2])
        score = entry.points if status == "passed" else 0.0
        results.append(TestResult(name=entry.test, function=entry.function, score=score, max_score=entry.points, status=status, message=message, mistake=mistake, stage=stage))
    return results


def run_hidden_tests(assignment: str, student: Any, functions: Optional[list[str]] = None) -> list[TestResult]:
    """Run the hidden tests of `assignment` (only those of `functions` if given) and score them.

    In a process that called `keep_sessions`, the tests run in that
    process's open pytest session of the assignment; otherwise in a new one.
    """
    if _keep_sessions and functions is None:
        return _open_session(assignment).run(student)
    rubric = load_rubric(assignment)
    selected = [entry for entry in rubric.entries if functions is None or entry.function in functions]
    plugin = StudentPlugin(student, rubric)
    arguments = ["-q", "--no-header", *_pytest_arguments(assignment, _node_ids(assignment, selected))]
    sink = io.StringIO()
    with redirect_stdout(sink), redirect_stderr(sink):
        exit_code = pytest.main(arguments, plugins=[plugin])
    if exit_code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        output = sink.getvalue()
        # The start contains the import error of a broken test module, and the end the summary.
        excerpt = output if len(output) <= 8000 else output[:4000] + "\n...\n" + output[-4000:]
        log.error("pytest could not run the hidden tests of %s (exit code %s):\n%s", assignment, exit_code, excerpt)
    return _score(assignment, selected, plugin.outcomes)


# -- one pytest session per worker ----------------------------------------------
#
# Starting pytest (configuration, plugins, collection) costs about as much as
# grading a small submission, so a batch worker keeps one pytest session per
# assignment open in a background thread.  Its run-test loop waits for the
# next student and runs every collected test through pytest's own run-test
# protocol, so fixtures, hooks and reports work as in any pytest run.  Only
# the student backend changes between runs.

_keep_sessions = False
_sessions: dict[str, "HiddenTestSession"] = {}


def keep_sessions(enabled: bool = True) -> None:
    """Let `run_hidden_tests` reuse one open pytest session per assignment in this process."""
    global _keep_sessions
    _keep_sessions = enabled


def _open_session(assignment: str) -> "HiddenTestSession":
    session = _sessions.get(assignment)
    if session is None or not session.alive:
        session = _sessions[assignment] = HiddenTestSession(assignment)
    return session


def close_sessions() -> None:
    """End every open pytest session of this process."""
    for session in _sessions.values():
        session.close()
    _sessions.clear()


@dataclass
class _Job:
    student: Any
    outcomes: dict = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)


class _LoopPlugin(StudentPlugin):
    """pytest plugin of an open session: serves one job after another in the run-test loop."""

    def __init__(self, rubric: Rubric):
        super().__init__(None, rubric)
        self.jobs: "queue.Queue[Optional[_Job]]" = queue.Queue()
        self.ready = threading.Event()
        self.problems: list[str] = []

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.problems.append(report.longreprtext)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        self.ready.set()
        items = list(session.items)
        while True:
            job = self.jobs.get()
            if job is None:
                return True
            self._student, self.outcomes = job.student, job.outcomes
            try:
                for index, item in enumerate(items):
                    following = items[index + 1] if index + 1 < len(items) else None
                    item.config.hook.pytest_runtest_protocol(item=item, nextitem=following)
            except BaseException:  # recorded as missing results, so the submission gets grader_error
                log.exception("the open pytest session of %s failed", self.rubric.assignment)
            finally:
                self._student = None
                job.done.set()


class HiddenTestSession:
    """An open pytest session that runs an assignment's hidden tests for one student after another."""

    def __init__(self, assignment: str):
        self.assignment = assignment
        self.rubric = load_rubric(assignment)
        self._plugin = _LoopPlugin(self.rubric)
        arguments = ["-q", "--no-header", "--capture=no", *_pytest_arguments(assignment, _node_ids(assignment, list(self.rubric.entries)))]
        self._thread = threading.Thread(target=self._main, args=(arguments,), name=f"pytest-{assignment}", daemon=True)
        # pytest's terminal reporter keeps the standard streams it finds at
        # start-up; give it a sink, while this thread waits and prints nothing.
        sink = io.StringIO()
        with redirect_stdout(sink), redirect_stderr(sink):
            self._thread.start()
            while not self._plugin.ready.wait(0.05):
                if not self._thread.is_alive():
                    break
        if not self._thread.is_alive():
            log.error("pytest failed to start the hidden tests of %s:\n%s", assignment, sink.getvalue()[-8000:])
        if self._plugin.problems:
            log.error("pytest failed to collect the hidden tests of %s:\n%s", assignment, "\n".join(self._plugin.problems)[-8000:])

    def _main(self, arguments: list[str]) -> None:
        try:
            pytest.main(arguments, plugins=[self._plugin])
        finally:
            self._plugin.ready.set()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def run(self, student: Any) -> list[TestResult]:
        """Run every hidden test for `student` and score the results."""
        job = _Job(student)
        if self.alive:
            self._plugin.jobs.put(job)
            while not job.done.wait(0.5):
                if not self.alive:
                    log.error("the open pytest session of %s ended while running tests", self.assignment)
                    break
        else:
            log.error("the pytest session of %s is not running", self.assignment)
        return _score(self.assignment, list(self.rubric.entries), job.outcomes)

    def close(self) -> None:
        if self.alive:
            self._plugin.jobs.put(None)
            self._thread.join(timeout=10)
