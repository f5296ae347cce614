"""The sandboxed child: runs a submission's cells and serves calls of its functions.

This file runs as a script in a fresh interpreter started by
``autograder.sandbox.session``.  It never imports the grader, the hidden tests
or the reference solutions, and it refuses imports of them by name.  It talks
to the grader over two pipes in the format of ``wire.py`` (loaded by path):
requests arrive on the first descriptor, replies leave on the second.  What
the student's code prints goes to standard output, which the grader reads
separately, caps and never parses.

Requests and replies:

- ``{"op": "run_cell", "source": str, "timeout": float}`` →
  ``{"status": "ok" | "error" | "timeout", "error": str}``
- ``{"op": "call", "function": str, "args": <wire>, "timeout": float}`` →
  ``{"status": "ok", "value": <wire>, "args_after": <wire>}`` or
  ``{"status": "missing" | "not_implemented" | "raised" | "timeout" | "unsendable", ...}``
- ``{"op": "value", "name": str, "timeout": float}`` → ``{"status": "ok", "value": <wire>}``
  or ``{"status": "missing" | "timeout" | "unsendable", ...}``: a global the
  notebook set, such as a quiz answer
- ``{"op": "exit"}``
"""

import builtins
import importlib.abc
import importlib.util
import os
import signal
import sys
import traceback

# Top-level modules of the grader that student code must not import.
BLOCKED_MODULES = ("autograder", "solutions")
_MAX_TEXT = 500


def _load_wire():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wire.py")
    spec = importlib.util.spec_from_file_location("_grader_wire", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _BlockGraderImports(importlib.abc.MetaPathFinder):
    """Refuse imports of the grader's own packages from student code."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".", 1)[0] in BLOCKED_MODULES:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not available while grading)", name=fullname)
        return None


class GraderTimeout(BaseException):
    """Raised in the student's code when a cell or call runs past its time limit.

    A BaseException, so ``except Exception`` in student code does not swallow it.
    """


def _on_alarm(signum, frame):
    raise GraderTimeout("time limit reached")


def _start_timer(seconds):
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(float(seconds), 0.001))


def _stop_timer():
    signal.setitimer(signal.ITIMER_REAL, 0)


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # student code may have replaced or closed the stream
            pass


def _no_input(prompt=""):
    raise EOFError("input() is not available while grading: give values in the code instead")


def _describe(error):
    text = f"{type(error).__name__}: {error}"
    return text[:_MAX_TEXT]


def _make_shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)

    def no_shell(command, *args, **kwargs):
        print(f"[grader] shell command skipped while grading: {str(command)[:200]}")
        return None

    # Shell escapes (!cmd, %sx, %%bash ...) do not run while grading: the
    # sandbox has no use for them and they would reach outside the notebook.
    shell.system = no_shell
    shell.system_piped = no_shell
    shell.system_raw = no_shell
    shell.getoutput = no_shell
    def skipped_magic(line="", cell=None):
        print(f"[grader] shell magic skipped while grading: {str(line)[:200]}")

    # Replaced rather than removed: IPython registers a removed script magic
    # such as %%bash again the next time it is looked up.
    magics = shell.magics_manager.magics
    for name in ("bash", "sh", "script", "perl", "ruby", "python", "python2", "python3", "pypy", "sx", "system", "writefile", "!"):
        for kind in ("line", "cell"):
            if name in magics[kind]:
                shell.register_magic_function(skipped_magic, kind, name)

    def keep_backend(line=""):
        return None

    # Plots go to the non-interactive backend set by MPLBACKEND.  A plain
    # InteractiveShell has no GUI loop, so "%matplotlib inline" would raise.
    shell.register_magic_function(keep_backend, "line", "matplotlib")
    return shell


def _run_cell(shell, source, timeout):
    try:
        _start_timer(timeout)
        result = shell.run_cell(source, store_history=False, silent=False)
    except GraderTimeout:
        return {"status": "timeout", "error": "time limit reached"}
    finally:
        _stop_timer()
        _flush_output()
    error = result.error_before_exec or result.error_in_exec
    if isinstance(error, GraderTimeout):
        return {"status": "timeout", "error": "time limit reached"}
    if error is not None:
        return {"status": "error", "error": _describe(error)}
    return {"status": "ok", "error": ""}


def _innermost_function(error):
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name


def _raised_by(error, function):
    """Whether `error` was raised in `function`'s own body rather than in a function it called."""
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code is getattr(function, "__code__", None)


def _call(shell, wire, request):
    import numpy as np

    def define_function(source):
        namespace = {"np": np}
        exec(compile(source, "<grader function>", "exec"), namespace)
        functions = [value for key, value in namespace.items() if callable(value) and key != "np" and not key.startswith("__")]
        return functions[0]

    name = request["function"]
    target = shell.user_ns.get(name)
    if not callable(target):
        return {"status": "missing"}
    args = wire.decode(request["args"], define_function=define_function)
    try:
        _start_timer(request["timeout"])
        try:
            value = target(*args)
            reply = {"status": "ok", "value": wire.encode(value), "args_after": wire.encode(tuple(args))}
        finally:
            _stop_timer()
    except GraderTimeout:
        return {"status": "timeout"}
    except NotImplementedError as error:
        if _raised_by(error, target):
            return {"status": "not_implemented"}
        # A stub further down (pca calling an unfinished covariance_matrix)
        # is that function's gap, not this one's.
        lines = traceback.format_exception(type(error), error, error.__traceback__, limit=-3)
        return {"status": "raised", "type": "NotImplementedError", "message": str(error)[:_MAX_TEXT] or f"raised in {_innermost_function(error)}()", "traceback": "".join(lines)[-2000:]}
    except BaseException as error:  # the student's code may raise anything, SystemExit included
        lines = traceback.format_exception(type(error), error, error.__traceback__, limit=-3)
        return {"status": "raised", "type": type(error).__name__, "message": str(error)[:_MAX_TEXT], "traceback": "".join(lines)[-2000:]}
    return reply


def _value(shell, wire, request):
    name = request["name"]
    if name not in shell.user_ns:
        return {"status": "missing"}
    try:
        _start_timer(request["timeout"])
        try:
            value = shell.user_ns[name]
            if isinstance(value, str):
                # A plain copy of the start: a str subclass sends no code, a huge string no bulk.
                text = str.__getitem__(value, slice(0, _MAX_TEXT))
                # A cut string ends in "…", so it never reads as a shorter valid answer.
                value = text if str.__len__(value) <= _MAX_TEXT else text[:-1] + "…"
            # Encoding other values may still run the student's code (an array-like's methods).
            return {"status": "ok", "value": wire.encode(value)}
        finally:
            _stop_timer()
    except GraderTimeout:
        return {"status": "timeout"}


def _prepare():
    """Set up what every child needs before its first cell; return (wire, shell)."""
    wire = _load_wire()
    sys.meta_path.insert(0, _BlockGraderImports())
    for name in list(sys.modules):
        if name.split(".", 1)[0] in BLOCKED_MODULES:
            del sys.modules[name]
    builtins.input = _no_input
    return wire, _make_shell()


def serve(wire, shell, request_fd, reply_fd):
    """Serve the grader's requests until it closes the pipe or sends exit."""
    requests = os.fdopen(request_fd, "rb", buffering=0)
    replies = os.fdopen(reply_fd, "wb", buffering=0)
    wire.send(replies, {"status": "ready", "pid": os.getpid()})
    while True:
        try:
            request = wire.receive(requests)
        except EOFError:
            return
        op = request.get("op")
        if op == "exit":
            return
        try:
            if op == "run_cell":
                reply = _run_cell(shell, request["source"], request["timeout"])
            elif op == "call":
                reply = _call(shell, wire, request)
            elif op == "value":
                reply = _value(shell, wire, request)
            else:
                reply = {"status": "bad_request", "error": f"unknown op {op!r}"}
            wire.send(replies, reply)
        except GraderTimeout:
            wire.send(replies, {"status": "timeout"})
        except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as error:
            wire.send(replies, {"status": "unsendable", "error": _describe(error)})


# Modules most notebooks import; the template imports them once, so a forked
# child starts with them loaded.
PRELOADED_MODULES = ("numpy", "scipy", "scipy.linalg", "matplotlib", "matplotlib.pyplot")


def _load_sibling(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_grader_{name}", path)
    module = importlib.util.module_from_spec(spec)
    # Registered before running, because dataclasses look their module up by name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def defer_tight_layout():
    """Make ``Figure.tight_layout`` choose the tight layout engine instead of running it at once.

    Grading draws a figure only when the notebook saves it, and the layout
    measures every text on the figure (0.1 s measured for two axes with a
    legend).  A saved figure is laid out by the same engine when it is drawn.
    """
    try:
        from matplotlib.figure import Figure
        from matplotlib.layout_engine import TightLayoutEngine
    except ImportError:
        return

    def tight_layout(self, *, pad=1.08, h_pad=None, w_pad=None, rect=None):
        self.set_layout_engine(TightLayoutEngine(pad=pad, h_pad=h_pad, w_pad=w_pad, rect=rect))

    tight_layout.__doc__ = Figure.tight_layout.__doc__
    Figure.tight_layout = tight_layout


def _warm_up(shell):
    """Do once in the template what every child would otherwise do first.

    A figure with axes and text loads Matplotlib's lazily imported parts
    and its font cache, and a failing cell loads IPython's traceback
    formatting.  Freezing the garbage collector's objects keeps a child's
    collections from walking, and so copying, the template's memory.
    """
    import contextlib
    import gc
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        shell.run_cell("def _grader_warm_up():\n    raise ValueError('warm-up')\n_grader_warm_up()", store_history=False)
    shell.user_ns.pop("_grader_warm_up", None)
    for name in ("last_type", "last_value", "last_traceback"):
        if hasattr(sys, name):
            delattr(sys, name)

    try:
        import matplotlib.pyplot as plt

        figure, axes = plt.subplots()
        axes.plot([0.0, 1.0], [1.0, 0.0], label="warm-up")
        axes.set_title("warm-up")
        axes.legend()
        figure.savefig(io.BytesIO(), format="png")
        plt.close("all")
    except Exception:  # a broken Matplotlib is the student's cells' problem, not the template's
        pass
    gc.collect()
    gc.freeze()


def _fork_child(control, message, fds, wire, shell, isolation):
    """Fork one child for one submission; return its pid to the template."""
    pid = os.fork()
    if pid != 0:
        for descriptor in fds:
            os.close(descriptor)
        return pid
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        request_fd, reply_fd, output_fd = fds
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(devnull)
        os.close(output_fd)
        isolation.apply_settings(message["settings"])
        os.environ.clear()
        os.environ.update(message["environment"])
        os.chdir(message["settings"]["workdir"])
        serve(wire, shell, request_fd, reply_fd)
    except BaseException:  # report anything to the captured output; the grader sees the child end
        traceback.print_exc()
    finally:
        _flush_output()
        os._exit(0)


def template(control_fd):
    """Preload modules, then fork a fresh child for each submission the grader asks for.

    The template never runs student code: every child is a copy of this
    clean process, so the interpreter and NumPy start-up is paid once.
    """
    import json
    import socket

    control = socket.socket(fileno=control_fd)
    isolation = _load_sibling("isolation")
    wire, shell = _prepare()
    for name in PRELOADED_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    defer_tight_layout()
    _warm_up(shell)
    isolation.become_subreaper()
    statuses = {}

    def reap(signum, frame):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            statuses[pid] = os.waitstatus_to_exitcode(status)

    signal.signal(signal.SIGCHLD, reap)
    _flush_output()
    control.send(json.dumps({"status": "ready", "pid": os.getpid()}).encode())
    while True:
        try:
            data, fds, _flags, _address = socket.recv_fds(control, 1 << 20, 3)
        except InterruptedError:
            continue
        if not data:
            break
        message = json.loads(data.decode())
        op = message.get("op")
        if op == "fork":
            reply = {"pid": _fork_child(control, message, fds, wire, shell, isolation)}
        elif op == "status":
            reply = {"returncode": statuses.get(message["pid"])}
        elif op == "sweep":
            killed = 0
            for pid in isolation.children_of(os.getpid()):
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except ProcessLookupError:
                    pass
            reply = {"killed": killed}
        elif op == "exit":
            break
        else:
            reply = {"error": f"unknown op {op!r}"}
        control.send(json.dumps(reply).encode())
    for pid in isolation.children_of(os.getpid()):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main():
    if sys.argv[1] == "template":
        template(int(sys.argv[2]))
        return
    request_fd, reply_fd = int(sys.argv[1]), int(sys.argv[2])
    wire, shell = _prepare()
    defer_tight_layout()
    serve(wire, shell, request_fd, reply_fd)


if __name__ == "__main__":
    main()
