"""The grader's side of the template process that forks sandboxed children.

Starting Python and importing IPython, NumPy and Matplotlib takes longer
than grading a typical submission.  The template (``child.py template``)
pays that once per grading process: it imports those modules, never runs
student code, and forks one child per submission.  Each child isolates
itself (`isolation.apply_settings`) before it reads the first cell, so the
trust boundary is the same as for a child started from scratch: it has never
imported the hidden tests or the reference solutions.

The template talks over a Unix ``SOCK_SEQPACKET`` socket pair, which keeps
message boundaries and carries the child's pipe descriptors (``SCM_RIGHTS``).
It is used on Linux only; elsewhere the session starts each child directly.
"""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

from autograder.sandbox.isolation import CHILD_FILES, SANDBOX_DIR

log = logging.getLogger(__name__)

# Seconds the template may take to import its modules.
TEMPLATE_START_SECONDS = 120.0
# Seconds to wait for the template's reply to one request.
TEMPLATE_REPLY_SECONDS = 30.0


class TemplateError(RuntimeError):
    """The template process failed or stopped responding."""


class ForkedProcess:
    """A child forked by the template, with the parts of `subprocess.Popen` the session uses."""

    def __init__(self, template: "TemplateProcess", pid: int):
        self.template = template
        self.pid = pid
        self.returncode: Optional[int] = None

    def poll(self) -> Optional[int]:
        if self.returncode is None:
            try:
                self.returncode = self.template.status(self.pid)
            except TemplateError:
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        pause = 0.0002
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"forked child {self.pid}", timeout)
            # A killed child is reaped within a millisecond or so; poll often at first.
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
        return self.returncode


class TemplateProcess:
    """One template process, owned by the grading process that started it."""

    def __init__(self, environment: dict[str, str]):
        self._folder = Path(tempfile.mkdtemp(prefix="matcalc-template-"))
        for name in CHILD_FILES:
            (self._folder / name).write_bytes((SANDBOX_DIR / name).read_bytes())
        os.chmod(self._folder, 0o755)
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._lock = threading.Lock()
        environment = {**environment, "HOME": str(self._folder), "MPLCONFIGDIR": str(self._folder / ".matplotlib"), "IPYTHONDIR": str(self._folder / ".ipython")}
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-X", "utf8", str(self._folder / "child.py"), "template", str(theirs.fileno())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self._folder,
            env=environment,
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self._control.settimeout(TEMPLATE_START_SECONDS)
        try:
            ready = json.loads(self._control.recv(1 << 16).decode() or "null")
        except (OSError, ValueError) as error:
            self.stop()
            raise TemplateError(f"the template process did not start: {error}") from None
        if not isinstance(ready, dict) or ready.get("status") != "ready":
            self.stop()
            raise TemplateError(f"the template process did not start: {ready!r}")
        self._control.settimeout(TEMPLATE_REPLY_SECONDS)
        self.owner = os.getpid()

    def _request(self, message: dict, fds: tuple[int, ...] = ()) -> dict:
        with self._lock:
            try:
                socket.send_fds(self._control, [json.dumps(message).encode()], list(fds))
                data = self._control.recv(1 << 16)
            except OSError as error:
                raise TemplateError(f"the template process stopped responding: {error}") from None
        if not data:
            raise TemplateError("the template process has ended")
        reply = json.loads(data.decode())
        if "error" in reply:
            raise TemplateError(reply["error"])
        return reply

    def fork(self, settings: dict, environment: dict[str, str], fds: tuple[int, int, int]) -> ForkedProcess:
        """Fork a child that isolates itself with `settings` and serves on the pipes `fds`."""
        reply = self._request({"op": "fork", "settings": settings, "environment": environment}, fds)
        return ForkedProcess(self, int(reply["pid"]))

    def status(self, pid: int) -> Optional[int]:
        """Return the exit code of a forked child (negative for a signal), or None while it runs."""
        return self._request({"op": "status", "pid": pid}).get("returncode")

    def sweep(self) -> None:
        """Kill every process left below the template (it is their subreaper)."""
        self._request({"op": "sweep"})

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        try:
            self._control.close()
        except OSError:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.error("template process %d did not die after SIGKILL", self.process.pid)
        shutil.rmtree(self._folder, ignore_errors=True)


_template: Optional[TemplateProcess] = None
_template_failed = False


def shared_template(environment: dict[str, str]) -> Optional[TemplateProcess]:
    """Return the template of this grading process, started on first use, or None where it cannot run."""
    global _template, _template_failed
    if not sys.platform.startswith("linux") or not hasattr(socket, "send_fds") or os.environ.get("MATCALC_NO_TEMPLATE"):
        return None
    if _template is not None and (_template.owner != os.getpid() or not _template.alive()):
        # A forked worker inherited its parent's template, or the template died.
        if _template.owner == os.getpid():
            _template.stop()
        _template = None
    if _template is None and not _template_failed:
        try:
            _template = TemplateProcess(environment)
            atexit.register(_template.stop)
            # A grading worker of a process pool ends without running atexit
            # handlers, but it runs multiprocessing's finalizers.
            multiprocessing.util.Finalize(None, _template.stop, exitpriority=10)
        except (TemplateError, OSError) as error:
            log.warning("starting children from a template failed (%s); each child starts from scratch instead", error)
            _template_failed = True
    return _template
