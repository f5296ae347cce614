"""The sandboxed child: notebook semantics, timeouts, crashes and blocked imports."""

import numpy as np
import pytest

from autograder.harness import CallTimedOut, FunctionMissing, NotImplementedStub, SandboxCrashed, StudentRaised
from autograder.sandbox.session import Limits, SandboxSession

LIMITS = Limits(cell_seconds=2.0, call_seconds=1.0)


def run(cells, limits=LIMITS):
    session = SandboxSession(list(enumerate(cells)), limits)
    session.run_cells()
    return session


def test_cells_run_in_order_and_errors_do_not_stop():
    session = run(["x = 1", "raise ValueError('boom')", "def f(a):\n    return a + x"])
    try:
        assert [record.status for record in session.cell_records] == ["ok", "error", "ok"]
        assert session.cell_records[1].error == "ValueError: boom"
        assert session.call("f", (np.array([1.0]),)).value.tolist() == [2.0]
    finally:
        session.close()


def test_ipython_syntax_magics_and_shell_lines():
    session = run(["%time y = 2\n!echo hi\nz = y * 3", "def f():\n    return z"])
    try:
        assert [record.status for record in session.cell_records] == ["ok", "ok"]
        assert session.call("f", ()).value == 6
    finally:
        session.close()
    assert "shell command skipped while grading: echo hi" in session.output


def test_sys_exit_in_cell_is_an_error_not_a_crash():
    session = run(["import sys\nsys.exit(1)", "def f():\n    return 1"])
    try:
        assert session.cell_records[0].status == "error"
        assert session.call("f", ()).value == 1
    finally:
        session.close()


def test_os_exit_cell_skipped_on_rerun():
    session = run(["def f():\n    return 1", "import os\nos._exit(0)", "def g():\n    return 2"])
    try:
        assert [record.status for record in session.cell_records] == ["ok", "fatal", "ok"]
        assert session.call("f", ()).value == 1
        assert session.call("g", ()).value == 2
    finally:
        session.close()


def test_infinite_loop_cell_times_out():
    session = run(["while True:\n    pass", "def f():\n    return 1"])
    try:
        assert session.cell_records[0].status == "timeout"
        assert session.call("f", ()).value == 1
    finally:
        session.close()


def test_loop_swallowing_timeout_is_killed():
    source = "def f():\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n\ndef g():\n    return 5"
    session = run([source])
    try:
        with pytest.raises(CallTimedOut):
            session.call("f", ())
        # The child was killed; the next call starts a new one and reruns the cells.
        assert session.call("g", ()).value == 5
        with pytest.raises(CallTimedOut):
            session.call("f", ())
    finally:
        session.close()


def test_call_statuses():
    session = run(["def stub():\n    raise NotImplementedError()", "def bad():\n    return 1 / 0", "import os\ndef dies():\n    os._exit(3)"])
    try:
        with pytest.raises(NotImplementedStub):
            session.call("stub", ())
        with pytest.raises(StudentRaised, match="ZeroDivisionError"):
            session.call("bad", ())
        with pytest.raises(FunctionMissing):
            session.call("absent", ())
        with pytest.raises(SandboxCrashed):
            session.call("dies", ())
    finally:
        session.close()


def test_grader_packages_cannot_be_imported():
    session = run(["import solutions", "import autograder.hidden", "import numpy"])
    try:
        statuses = [record.status for record in session.cell_records]
        assert statuses == ["error", "error", "ok"]
        assert "not available while grading" in session.cell_records[0].error
    finally:
        session.close()


def test_input_raises_eof():
    session = run(["name = input('name? ')"])
    try:
        assert session.cell_records[0].error.startswith("EOFError: input() is not available while grading")
    finally:
        session.close()


def test_inputs_mutated_in_child_are_reported_not_shared():
    session = run(["def f(x):\n    x[0] = 99\n    return x.sum()"])
    try:
        original = np.array([1.0, 2.0])
        outcome = session.call("f", (original,))
        assert original.tolist() == [1.0, 2.0]
        assert outcome.args_after[0].tolist() == [99.0, 2.0]
    finally:
        session.close()


def test_printing_is_capped():
    session = run(["for i in range(200000):\n    print('line', i)"], Limits(cell_seconds=20.0, output_kb=4))
    try:
        assert session.cell_records[0].status == "ok"
    finally:
        session.close()
    assert session.output.startswith("line 0\nline 1\n")
    assert len(session.output.encode()) == 4 * 1024


def test_memory_hog_fails_in_its_cell():
    session = run(["big = bytearray(4 * 1024**3)", "def f():\n    return 1"], Limits(cell_seconds=5.0, memory_mb=1024))
    try:
        assert session.cell_records[0].status in ("error", "fatal")
        assert session.call("f", ()).value == 1
    finally:
        session.close()


def test_plan_covers_everything_but_system_and_python():
    from pathlib import Path

    from autograder.sandbox.isolation import _interpreter_paths, plan_hidden_paths

    needed = _interpreter_paths()
    hidden = plan_hidden_paths(needed, [Path("/tmp/scratch")], [])
    tmp = Path("/tmp")

    def covered(path: Path) -> bool:
        # /tmp is replaced by an empty tmpfs as a whole, so what lies below it is covered too.
        return tmp in path.parents or any(item == path or item in path.parents for item in hidden)

    import autograder
    import solutions

    assert covered(Path(next(iter(solutions.__path__))).resolve())
    assert covered(Path(next(iter(autograder.__path__))).resolve())
    assert not any(item == path or item in path.parents for item in hidden for path in needed)
    assert not covered(Path("/usr/lib"))


def test_other_course_copies_are_out_of_reach():
    """A readable copy of the solutions anywhere outside the system folders stays invisible."""
    import shutil
    from pathlib import Path

    from autograder.sandbox.isolation import IsolationPlan, default_hidden_paths

    plan = IsolationPlan(Path("/tmp"), Limits())
    plan.release()
    if not plan.hide_files:
        pytest.skip("needs root with mount namespaces and an interpreter other users can run")
    other = Path("/srv/matcalc-other-course-copy")
    other.mkdir(parents=True, exist_ok=True)
    try:
        (other / "secret.py").write_text("ANSWER = 42\n", encoding="utf-8")
        (other / "secret.py").chmod(0o644)
        other.chmod(0o755)
        session = SandboxSession([(0, f"import os\nprint('visible' if os.path.exists({str(other / 'secret.py')!r}) else 'hidden')")], LIMITS, hidden_paths=default_hidden_paths())
        session.run_cells()
        session.close()
        assert "hidden" in session.output
        assert "visible" not in session.output
    finally:
        shutil.rmtree(other, ignore_errors=True)


def test_rerun_after_call_timeout_skips_timed_out_cells():
    """A cell that timed out is not run again when a later call restarts the child."""
    import time

    cells = ["def spin():\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass", "import time\ntime.sleep(30)", "def ok():\n    return 3"]
    session = run(cells)
    try:
        assert [record.status for record in session.cell_records] == ["ok", "timeout", "ok"]
        with pytest.raises(CallTimedOut):
            session.call("spin", ())
        started = time.monotonic()
        assert session.call("ok", ()).value == 3
        assert time.monotonic() - started < LIMITS.cell_seconds
    finally:
        session.close()


def test_repeated_timeouts_keep_their_own_case():
    from autograder.harness import Case, StudentCallError, _call

    session = run(["def spin(x):\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass"])
    try:
        errors = []
        for description in ("first input", "second input"):
            with pytest.raises(StudentCallError) as info:
                _call(session, "spin", Case((1,), description))
            errors.append(info.value)
        assert [error.case.description for error in errors] == ["first input", "second input"]
    finally:
        session.close()


def test_reused_walk_gives_the_fresh_plan():
    from pathlib import Path

    from autograder.sandbox import isolation

    needed = isolation._interpreter_paths()
    explicit = isolation.default_hidden_paths([Path("/opt")])
    first = isolation.plan_hidden_paths(needed, [Path("/tmp/matcalc-a")], explicit)
    # Another scratch folder under /tmp reuses the walk and gives the same plan.
    assert isolation.plan_hidden_paths(needed, [Path("/tmp/matcalc-b")], explicit) == first
    isolation._walk_hidden.cache_clear()
    assert isolation.plan_hidden_paths(needed, [Path("/tmp/matcalc-a")], explicit) == first


def test_tight_layout_deferred_until_drawing():
    cells = [
        "import io\nimport matplotlib.pyplot as plt\nfig, (left, right) = plt.subplots(1, 2)\nleft.set_ylabel('a long label ' * 3)\nbefore = fig.subplotpars.left\nplt.tight_layout()",
        "engine = type(fig.get_layout_engine()).__name__\nunchanged = fig.subplotpars.left == before\nfig.savefig(io.BytesIO(), format='png')\nmoved = fig.subplotpars.left != before",
        "def layout():\n    return engine, unchanged, moved",
    ]
    session = run(cells)
    try:
        assert [record.status for record in session.cell_records] == ["ok", "ok", "ok"]
        # No layout before the figure is drawn, the tight layout once it is saved.
        assert session.call("layout", ()).value == ("TightLayoutEngine", True, True)
    finally:
        session.close()
