"""Run one submission in a sandboxed child process and call its functions.

`SandboxSession` starts ``child.py`` in a fresh interpreter with resource
limits, sends it the notebook's code cells one by one ("Restart and run all"),
and then serves the hidden tests' calls.  Every wait has a deadline: the child
interrupts itself at the limit, and when it does not reply shortly after, the
whole process group is killed with SIGKILL.  A cell that kills the process is
skipped when the child is started again, so the functions defined by the other
cells stay gradable.
"""

from __future__ import annotations

import copy
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from autograder.harness import (
    CallOutcome,
    CallTimedOut,
    FunctionMissing,
    NotImplementedStub,
    SandboxCrashed,
    StudentCallError,
    StudentRaised,
    VariableMissing,
)
from autograder.results import CellRecord
from autograder.i18n import translator
from autograder.sandbox import wire
from autograder.sandbox.isolation import IsolationPlan, Limits
from autograder.sandbox.template import TemplateError, TemplateProcess, shared_template

__all__ = ["Limits", "SandboxSession"]

_ = translator("autograder")
log = logging.getLogger(__name__)

# Seconds the child gets, past a time limit, to report the timeout itself
# before the grader kills it.
GRACE_SECONDS = 2.0
# Seconds for the interpreter to start and import IPython.
START_SECONDS = 60.0
# How often a submission may kill the child before the grader gives up on
# running its cells (each restart reruns the surviving cells).
MAX_RESTARTS = 6
# Seconds between two status checks of a running child (see `_child_running`).
POLL_SECONDS = 0.5



@dataclass
class _Child:
    process: subprocess.Popen
    requests: Any
    replies: "queue.Queue[Any]"
    output: "_OutputTail"


class _OutputTail:
    """Drain a pipe in a thread, keeping only the first `limit` bytes."""

    def __init__(self, stream: Any, limit: int):
        self.kept = bytearray()
        self.total = 0
        self._limit = limit
        self._thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self._thread.start()

    def _drain(self, stream: Any) -> None:
        try:
            while True:
                chunk = stream.read1(65536)
                if not chunk:
                    break
                self.total += len(chunk)
                room = self._limit - len(self.kept)
                if room > 0:
                    self.kept.extend(chunk[:room])
        except (OSError, ValueError):
            pass
        finally:
            stream.close()

    def text(self) -> str:
        return self.kept.decode("utf-8", errors="replace")

    def join(self, seconds: float) -> None:
        self._thread.join(seconds)


def _reader(stream: Any, replies: "queue.Queue[Any]") -> None:
    """Move replies from the child's pipe to a queue; end with EOFError or WireError."""
    try:
        while True:
            replies.put(wire.receive(stream))
    except (EOFError, OSError) as error:
        replies.put(EOFError(str(error)))
    except wire.WireError as error:
        replies.put(error)
    finally:
        stream.close()


@dataclass
class SandboxSession:
    """One submission's child process, its cell log and its function calls."""

    cells: list[tuple[int, str]]
    """(notebook cell index, source) of every code cell to run, in order."""
    limits: Limits = field(default_factory=Limits)
    slot: int = 0
    """Worker slot; picks the sandbox user id when running as root."""
    hidden_paths: list[Path] = field(default_factory=list)
    """Paths the child must not see, where mount namespaces allow hiding them."""
    cell_records: list[CellRecord] = field(default_factory=list)
    protections: list[str] = field(default_factory=list)
    setup: str = ""
    """Code run before the cells in every new child, unrecorded (the course's imports)."""

    def __post_init__(self) -> None:
        self._child: Optional[_Child] = None
        # Cells that ended the child, with the record each gets when it is skipped.
        self._fatal_cells: dict[int, CellRecord] = {}
        self._broken_functions: dict[str, StudentCallError] = {}
        self._restarts = 0
        self._last_poll = 0.0
        self._last_output = ""
        self._workdir = Path(tempfile.mkdtemp(prefix="matcalc-sandbox-"))
        self._plan = IsolationPlan(self._workdir, self.limits, slot=self.slot, hidden_paths=self.hidden_paths)
        self.protections = self._plan.protections()
        self._known_children: set[int] = set()
        self._template: Optional[TemplateProcess] = None

    # -- lifecycle -----------------------------------------------------------

    def __enter__(self) -> "SandboxSession":
        self.run_cells()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def run_cells(self) -> None:
        """Run the notebook's code cells, restarting past cells that kill the child."""
        while True:
            records = self._run_cells_once()
            if records is not None:
                self.cell_records = records
                return
            self._restarts += 1
            if self._restarts > MAX_RESTARTS:
                log.warning("giving up on cells after %d restarts", self._restarts)
                self.cell_records = [CellRecord(index, "skipped", "too many restarts") for index, _ in self.cells]
                return

    def close(self) -> None:
        """Stop the child and every process it started; remove its folder."""
        self._kill()
        self._plan.release()
        shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def output(self) -> str:
        """The start of what the submission printed in its latest run (complete once closed)."""
        return self._child.output.text() if self._child else self._last_output

    # -- cells ---------------------------------------------------------------

    def _run_cells_once(self) -> Optional[list[CellRecord]]:
        """Run every cell once; return None when a cell killed the child (it is then skipped)."""
        records: list[CellRecord] = []
        self._spawn()
        self._run_setup()
        for index, source in self.cells:
            if index in self._fatal_cells:
                records.append(self._fatal_cells[index])
                continue
            reply = self._request({"op": "run_cell", "source": source, "timeout": self.limits.cell_seconds}, self.limits.cell_seconds)
            if isinstance(reply, TimeoutError):
                # The cell ignored the interrupt at its time limit, so the child was killed.
                self._fatal_cells[index] = CellRecord(index, "timeout", _("time limit reached; the cell did not stop when interrupted and was skipped"))
                self._kill()
                return None
            if isinstance(reply, BaseException):
                self._fatal_cells[index] = CellRecord(index, "fatal", _("this cell stopped the grader's process and was skipped"))
                self._kill()
                return None
            status = reply.get("status", "error")
            # The child reports a timeout in English; the record carries the translation.
            error = _("time limit reached") if status == "timeout" else str(reply.get("error", ""))[:500]
            records.append(CellRecord(index, status, error))
        return records

    def _run_setup(self) -> None:
        if not self.setup:
            return
        reply = self._request({"op": "run_cell", "source": self.setup, "timeout": self.limits.cell_seconds}, self.limits.cell_seconds)
        if isinstance(reply, BaseException):
            raise RuntimeError(f"the sandbox child stopped while running the setup code: {reply!r}; output: {self.output[-2000:]}")
        if reply.get("status") != "ok":
            log.error("the setup code failed in the sandbox child: %s", reply.get("error"))

    # -- calls ---------------------------------------------------------------

    def call(self, function: str, args: tuple) -> CallOutcome:
        """Call the student's `function` with `args` in the child; raise StudentCallError subclasses."""
        if function in self._broken_functions:
            # A fresh copy per call, so each test attaches its own case to it.
            error = copy.copy(self._broken_functions[function])
            error.repeated = True
            raise error
        if not self._child_running():
            self._restart_quietly()
        request = {"op": "call", "function": function, "args": wire.encode(tuple(args)), "timeout": self.limits.call_seconds}
        reply = self._request(request, self.limits.call_seconds)
        if isinstance(reply, BaseException):
            detail = _("{seconds:g} s per call").format(seconds=self.limits.call_seconds) if isinstance(reply, TimeoutError) else self._death_detail()
            error: StudentCallError = CallTimedOut(function, detail) if isinstance(reply, TimeoutError) else SandboxCrashed(function, detail)
            self._broken_functions[function] = error
            self._kill()
            raise error
        status = reply.get("status")
        if status == "ok":
            try:
                value = wire.decode(reply.get("value"))
                args_after = wire.decode(reply.get("args_after"), define_function=lambda source: None)
            except wire.WireError as problem:
                value, args_after = wire.UnsupportedValue("unreadable value", str(problem)), None
            if not isinstance(args_after, tuple):
                args_after = None
            return CallOutcome(value=value, args_after=args_after)
        if status == "missing":
            raise FunctionMissing(function)
        if status == "not_implemented":
            raise NotImplementedStub(function)
        if status == "raised":
            raise StudentRaised(function, str(reply.get("type", "Exception"))[:100], str(reply.get("message", ""))[:500], str(reply.get("traceback", ""))[:2000])
        if status == "timeout":
            error = CallTimedOut(function, _("{seconds:g} s per call").format(seconds=self.limits.call_seconds))
            self._broken_functions[function] = error
            raise error
        if status == "unsendable":
            return CallOutcome(value=wire.UnsupportedValue("value that cannot be sent", str(reply.get("error", ""))), args_after=None)
        raise SandboxCrashed(function, f"unexpected reply {str(status)[:50]!r}")

    def value(self, name: str) -> Any:
        """Return the notebook's global `name` as plain data; raise VariableMissing or a StudentCallError."""
        if not self._child_running():
            self._restart_quietly()
        reply = self._request({"op": "value", "name": name, "timeout": self.limits.call_seconds}, self.limits.call_seconds)
        if isinstance(reply, BaseException):
            detail = _("{seconds:g} s per call").format(seconds=self.limits.call_seconds) if isinstance(reply, TimeoutError) else self._death_detail()
            error: StudentCallError = CallTimedOut(name, detail) if isinstance(reply, TimeoutError) else SandboxCrashed(name, detail)
            self._kill()
            raise error
        status = reply.get("status")
        if status == "ok":
            try:
                return wire.decode(reply.get("value"))
            except wire.WireError as problem:
                return wire.UnsupportedValue("unreadable value", str(problem))
        if status == "missing":
            raise VariableMissing(name)
        if status == "timeout":
            raise CallTimedOut(name, _("{seconds:g} s per call").format(seconds=self.limits.call_seconds))
        if status == "unsendable":
            return wire.UnsupportedValue("value that cannot be sent", str(reply.get("error", "")))
        raise SandboxCrashed(name, f"unexpected reply {str(status)[:50]!r}")

    def _child_running(self) -> bool:
        """Tell whether the child can take a request, cheaply enough to ask before every call.

        A reply waiting between requests can only be the reader's end-of-pipe
        mark of a child that died.  Asking a forked child's status costs a
        round trip to the template, so it is asked at most every half second.
        """
        child = self._child
        if child is None or not child.replies.empty():
            return False
        now = time.monotonic()
        if now - self._last_poll < POLL_SECONDS:
            return True
        self._last_poll = now
        return child.process.poll() is None

    def _restart_quietly(self) -> None:
        """Start a new child and rerun the surviving cells, keeping the first run's cell log.

        Cells that ran out of time in the first run are skipped too: they
        would only spend their time limit again.
        """
        first_records = self.cell_records
        for record in first_records:
            if record.status == "timeout":
                self._fatal_cells.setdefault(record.index, record)
        self.run_cells()
        self.cell_records = first_records or self.cell_records

    # -- process handling ----------------------------------------------------

    def _request(self, message: dict, seconds: float) -> Any:
        """Send `message` and wait for the reply; return TimeoutError or EOFError on failure."""
        child = self._child
        assert child is not None
        try:
            wire.send(child.requests, message)
        except (OSError, ValueError) as error:
            return EOFError(str(error))
        try:
            reply = child.replies.get(timeout=seconds + GRACE_SECONDS)
        except queue.Empty:
            return TimeoutError()
        if isinstance(reply, wire.WireError):
            return EOFError(str(reply))
        if isinstance(reply, BaseException):
            return reply
        if not isinstance(reply, dict):
            return EOFError("reply is not an object")
        return reply

    def _death_detail(self) -> str:
        child = self._child
        if child is None:
            return "process not running"
        try:
            code = child.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return "process stopped answering"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            if name in ("SIGKILL", "SIGSEGV"):
                return f"killed by {name}, often the memory limit of {self.limits.memory_mb} MiB"
            return f"killed by {name}"
        return f"process exited with code {code}"

    def _spawn(self) -> None:
        self._kill()
        self._plan.prepare()
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        template = shared_template(self._plan.environment())
        if template is not None:
            output_read, output_write = os.pipe()
            try:
                process: Any = template.fork(self._plan.settings(), self._plan.environment(), (request_read, reply_write, output_write))
            finally:
                for descriptor in (request_read, reply_write, output_write):
                    os.close(descriptor)
            output = os.fdopen(output_read, "rb")
            self._template = template
        else:
            self._known_children = _own_children()
            process = subprocess.Popen(
                self._plan.command(request_read, reply_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=self._workdir,
                env=self._plan.environment(),
                pass_fds=(request_read, reply_write),
                start_new_session=True,
                preexec_fn=self._plan.apply_in_child,
            )
            os.close(request_read)
            os.close(reply_write)
            output = process.stdout
            self._template = None
        replies: "queue.Queue[Any]" = queue.Queue()
        threading.Thread(target=_reader, args=(os.fdopen(reply_read, "rb", buffering=0), replies), daemon=True).start()
        self._child = _Child(process, os.fdopen(request_write, "wb", buffering=0), replies, _OutputTail(output, self.limits.output_kb * 1024))
        try:
            ready = replies.get(timeout=START_SECONDS)
        except queue.Empty:
            ready = TimeoutError("child did not start")
        if not (isinstance(ready, dict) and ready.get("status") == "ready"):
            output = self._child.output.text()[-2000:]
            self._kill()
            raise RuntimeError(f"sandbox child failed to start: {ready!r}; output: {output}")

    def _kill(self) -> None:
        child = self._child
        self._child = None
        if child is None:
            return
        try:
            child.requests.close()
        except OSError:
            pass
        process = child.process
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.error("sandbox child %d did not die after SIGKILL", process.pid)
        child.output.join(2.0)
        self._last_output = child.output.text()
        self._plan.sweep(self._known_children)
        if self._template is not None:
            try:
                self._template.sweep()
            except TemplateError as error:
                log.warning("the template could not sweep left-over processes: %s", error)



def _own_children() -> set[int]:
    """Pids of this process's children now, so a later sweep spares them."""
    from autograder.sandbox.isolation import children_of

    return children_of(os.getpid()) if sys.platform.startswith("linux") else set()
