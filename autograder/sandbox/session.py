"""Run one submission in a sandboxed child process and call its functions.

`SandboxSession` starts ``child.py`` in a fresh interpreter with resource
limits, sends it the notebook's code cells one by one ("Restart and run all"),
and then serves the hidden tests' calls.  Every wait has a deadline: the child
interrupts itself at the limit, and when it does not answer shortly after, the
whole process group is killed with SIGKILL.  A cell that kills the process is
skipped when the child is started again, so the functions defined by the other
cells stay gradable.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
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
)
from autograder.results import CellRecord
from autograder.sandbox import wire

log = logging.getLogger(__name__)

CHILD_SCRIPT = Path(__file__).with_name("child.py")

# Seconds the child gets, past a time limit, to report the timeout itself
# before the grader kills it.
GRACE_SECONDS = 2.0
# Seconds for the interpreter to start and import IPython.
START_SECONDS = 60.0
# How often a submission may kill the child before the grader gives up on
# running its cells (each restart reruns the surviving cells).
MAX_RESTARTS = 6
# First user id for sandboxed children when the grader runs as root; ids
# outside the usual system and login ranges, so a sweep of the id's
# processes touches nothing else.
SANDBOX_UID_BASE = 61000


@dataclass
class Limits:
    """Resource limits of one sandboxed child."""

    cell_seconds: float = 30.0
    """Wall-clock limit of one notebook cell."""
    call_seconds: float = 10.0
    """Wall-clock limit of one call of a student's function."""
    cpu_seconds: int = 600
    """CPU-time limit of the whole child (RLIMIT_CPU)."""
    memory_mb: int = 3072
    """Address-space limit (RLIMIT_AS) in MiB."""
    file_size_mb: int = 64
    """Largest file the child may write (RLIMIT_FSIZE) in MiB."""
    open_files: int = 256
    """Open file descriptors (RLIMIT_NOFILE)."""
    processes: int = 64
    """Processes of the sandbox user (RLIMIT_NPROC); applied only with a dedicated user."""
    output_kb: int = 64
    """Kept start of what the submission prints; the rest is counted and dropped."""


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
                chunk = stream.read(65536)
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


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@lru_cache(maxsize=1)
def interpreter_readable_by_others() -> bool:
    """Whether an unprivileged user can run this Python: every folder on the way must allow others in."""
    paths = {Path(os.path.realpath(sys.executable)), Path(os.path.realpath(sys.prefix)) / "lib"}
    for path in paths:
        for folder in [*reversed(path.parents), path]:
            try:
                mode = folder.stat().st_mode
            except OSError:
                return False
            if folder.is_dir() and not mode & 0o001:
                log.warning("sandbox children keep root's user id: %s is not open to other users (chmod o+x it, or install Python elsewhere)", folder)
                return False
    return True


_CLONE_NEWNET = 0x40000000


def _unshare_network() -> bool:
    """Move the calling process into a new, empty network namespace (root only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


@dataclass
class SandboxSession:
    """One submission's child process, its cell log and its function calls."""

    cells: list[tuple[int, str]]
    """(notebook cell index, source) of every code cell to run, in order."""
    limits: Limits = field(default_factory=Limits)
    slot: int = 0
    """Worker slot; picks the sandbox user id when running as root."""
    cell_records: list[CellRecord] = field(default_factory=list)
    protections: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._child: Optional[_Child] = None
        self._fatal_cells: set[int] = set()
        self._broken_functions: dict[str, StudentCallError] = {}
        self._restarts = 0
        self._last_output = ""
        self._workdir = Path(tempfile.mkdtemp(prefix="matcalc-sandbox-"))
        self._uid = SANDBOX_UID_BASE + self.slot if running_as_root() and interpreter_readable_by_others() else None

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
        for index, source in self.cells:
            if index in self._fatal_cells:
                records.append(CellRecord(index, "fatal", "this cell stopped the grader's process and was skipped"))
                continue
            reply = self._request({"op": "run_cell", "source": source, "timeout": self.limits.cell_seconds}, self.limits.cell_seconds)
            if isinstance(reply, BaseException):
                self._fatal_cells.add(index)
                self._kill()
                return None
            records.append(CellRecord(index, reply.get("status", "error"), str(reply.get("error", ""))[:500]))
        return records

    # -- calls ---------------------------------------------------------------

    def call(self, function: str, args: tuple) -> CallOutcome:
        """Call the student's `function` with `args` in the child; raise StudentCallError subclasses."""
        if function in self._broken_functions:
            raise self._broken_functions[function]
        if self._child is None or self._child.process.poll() is not None:
            self._restart_quietly()
        request = {"op": "call", "function": function, "args": wire.encode(tuple(args)), "timeout": self.limits.call_seconds}
        reply = self._request(request, self.limits.call_seconds)
        if isinstance(reply, BaseException):
            detail = "time limit {:g} s".format(self.limits.call_seconds) if isinstance(reply, TimeoutError) else self._death_detail()
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
            error = CallTimedOut(function, "time limit {:g} s".format(self.limits.call_seconds))
            self._broken_functions[function] = error
            raise error
        if status == "unsendable":
            return CallOutcome(value=wire.UnsupportedValue("value that cannot be sent", str(reply.get("error", ""))), args_after=None)
        raise SandboxCrashed(function, f"unexpected reply {str(status)[:50]!r}")

    def _restart_quietly(self) -> None:
        """Start a new child and rerun the surviving cells, keeping the first run's cell log."""
        first_records = self.cell_records
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

    def _environment(self) -> dict[str, str]:
        home = self._workdir
        return {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "TMPDIR": str(home / "tmp"),
            "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": str(home / ".matplotlib"),
            "IPYTHONDIR": str(home / ".ipython"),
            # One BLAS thread per child, so parallel workers do not oversubscribe the cores.
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    def _preexec(self) -> None:
        """Apply limits in the child between fork and exec; drop root last."""
        limits = self.limits
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        size = limits.file_size_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if self._uid is not None:
            _unshare_network()
            resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
            os.setgroups([])
            os.setgid(self._uid)
            os.setuid(self._uid)

    def _spawn(self) -> None:
        self._kill()
        (self._workdir / "tmp").mkdir(parents=True, exist_ok=True)
        if self._uid is not None:
            for path in [self._workdir, *self._workdir.rglob("*")]:
                os.chown(path, self._uid, self._uid)
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        command = [sys.executable, "-I", "-X", "utf8", str(CHILD_SCRIPT), str(request_read), str(reply_write)]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=self._workdir,
            env=self._environment(),
            pass_fds=(request_read, reply_write),
            start_new_session=True,
            preexec_fn=self._preexec,
        )
        os.close(request_read)
        os.close(reply_write)
        replies: "queue.Queue[Any]" = queue.Queue()
        threading.Thread(target=_reader, args=(os.fdopen(reply_read, "rb", buffering=0), replies), daemon=True).start()
        self._child = _Child(process, os.fdopen(request_write, "wb", buffering=0), replies, _OutputTail(process.stdout, self.limits.output_kb * 1024))
        self.protections = self._active_protections()
        try:
            ready = replies.get(timeout=START_SECONDS)
        except queue.Empty:
            ready = TimeoutError("child did not start")
        if not (isinstance(ready, dict) and ready.get("status") == "ready"):
            output = self._child.output.text()[-2000:]
            self._kill()
            raise RuntimeError(f"sandbox child failed to start: {ready!r}; output: {output}")

    def _active_protections(self) -> list[str]:
        active = ["separate process", "rlimits (cpu, memory, file size, open files)", "process-group kill"]
        if self._uid is not None:
            active += [f"unprivileged user {self._uid}", "private network namespace"]
        return active

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
        if self._uid is not None:
            _kill_all_of_user(self._uid)


def _kill_all_of_user(uid: int) -> None:
    """Kill every process of `uid`, including ones that left the process group (root only)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgid(uid)
            os.setuid(uid)
            # kill(-1) as an unprivileged user signals every process of that user.
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
