"""Grade the submission in Gradescope's folders and write ``results/results.json``.

``run_autograder`` calls `run_gradescope` through ``python -m autograder
gradescope-run``.  No notebook, several notebooks, a file that is not a
notebook, and a fault of the grader or of this module all still give a valid
results file.  Only when that file cannot be written does the command fail,
and ``run_autograder`` then writes a fixed fallback file.
"""

from __future__ import annotations

import importlib
import logging
import os
import stat
import time
import tomllib
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from autograder import ASSIGNMENTS, __version__
from autograder.exporters import gradescope as exporter
from autograder.gradescope import CONFIG_NAME, DEFAULT_ROOT, ROOT_ENV
from autograder.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_ENV,
    get_language,
    normalize_language,
    set_language,
)
from autograder.results import SubmissionResult, TestResult, write_json_atomic
from autograder.rubric import load_rubric

log = logging.getLogger(__name__)

# Folders that archive tools add beside the files a student chose; a
# notebook inside them is never the submission.
IGNORED_FOLDERS = frozenset([".ipynb_checkpoints", "__MACOSX"])
# Most received file names listed in the message about a missing notebook.
MAX_LISTED_FILES = 10


@dataclass(frozen=True)
class GradescopeConfig:
    """Settings of one autograder zip, read from ``gradescope.toml``."""

    assignment: str
    language: str = "zh_TW"
    hidden_test_visibility: str = exporter.DEFAULT_HIDDEN_TEST_VISIBILITY
    cell_timeout_seconds: float = 30.0
    call_timeout_seconds: float = 10.0
    memory_mb: int = 3072


def check_visibility(assignment: str, visibility: str) -> None:
    """Raise ValueError when `visibility` would show at once feedback that names the right answers."""
    module = importlib.import_module(f"autograder.catalogue.{assignment}")
    if getattr(module, "REVEALS_ANSWERS", False) and visibility == "visible":
        raise ValueError(
            f"{assignment}'s feedback names the right answers, so its results cannot be visible at once: "
            "choose \"after_published\" or \"after_due_date\" (gradescope-zip --visibility, or hidden_test_visibility in gradescope.toml)"
        )


def write_config(path: Path, config: GradescopeConfig) -> None:
    """Write `config` as the commented ``gradescope.toml`` that instructors may edit."""
    check_visibility(config.assignment, config.hidden_test_visibility)
    text = f"""\
# Settings of this Gradescope autograder, read for every submission by
# `python -m autograder gradescope-run`.  Edit them here and upload the zip
# again, or rebuild it with `python -m autograder gradescope-zip`.

# Problem set the submissions belong to.
assignment = "{config.assignment}"

# Language of the feedback: "zh_TW" or "en".  The environment variable
# {LANGUAGE_ENV}, when set, takes precedence.
language = "{config.language}"

# When students see the hidden tests' results and their score:
# "after_published" (when you publish the grades), "after_due_date" or
# "visible" (at once).  Notebook problems are always shown at once.
hidden_test_visibility = "{config.hidden_test_visibility}"

# Limits of the sandboxed process that runs the notebook.
cell_timeout_seconds = {config.cell_timeout_seconds:g}
call_timeout_seconds = {config.call_timeout_seconds:g}
memory_mb = {config.memory_mb}
"""
    path.write_text(text, encoding="utf-8")


def read_config(path: Path) -> GradescopeConfig:
    """Read and check ``gradescope.toml``; raise ValueError naming the bad setting."""
    with path.open("rb") as stream:
        table = tomllib.load(stream)
    known = set(GradescopeConfig.__dataclass_fields__)
    unknown = sorted(set(table) - known)
    if unknown:
        raise ValueError(f"{path}: unknown settings {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if table.get("assignment") not in ASSIGNMENTS:
        raise ValueError(f"{path}: assignment must be one of {', '.join(ASSIGNMENTS)}, got {table.get('assignment')!r}")
    config = GradescopeConfig(**table)
    normalize_language(config.language)
    if config.hidden_test_visibility not in exporter.HIDDEN_TEST_VISIBILITIES:
        raise ValueError(f"{path}: hidden_test_visibility must be one of {', '.join(exporter.HIDDEN_TEST_VISIBILITIES)}, got {config.hidden_test_visibility!r}")
    try:
        check_visibility(config.assignment, config.hidden_test_visibility)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    for name in ("cell_timeout_seconds", "call_timeout_seconds", "memory_mb"):
        value = getattr(config, name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"{path}: {name} must be a positive number, got {value!r}")
    return config


def gradescope_root(root: Optional[Path] = None) -> Path:
    """Return Gradescope's folder: `root`, else ``$MATCALC_GRADESCOPE_ROOT``, else ``/autograder``."""
    if root is not None:
        return root
    from_env = os.environ.get(ROOT_ENV)
    return Path(from_env) if from_env else DEFAULT_ROOT


def find_notebooks(submission: Path) -> tuple[list[Path], list[str]]:
    """Return the ``.ipynb`` files under `submission` and the relative names of every file received."""
    notebooks: list[Path] = []
    received: list[str] = []
    if not submission.is_dir():
        return notebooks, received
    for path in sorted(submission.rglob("*")):
        relative = path.relative_to(submission)
        if not path.is_file() or IGNORED_FOLDERS.intersection(relative.parts[:-1]):
            continue
        # macOS archives add "._name" files holding metadata, not notebooks.
        if path.name.startswith("._"):
            continue
        received.append(relative.as_posix())
        if path.suffix.lower() == ".ipynb":
            notebooks.append(path)
    return notebooks, received


def _unreadable_submission(assignment: str, message: str) -> SubmissionResult:
    """Return a zero result for a submission that does not contain exactly one notebook."""
    tests = [
        TestResult(name=entry.test, function=entry.function, score=0.0, max_score=entry.points, status="missing", message=message)
        for entry in load_rubric(assignment).entries
    ]
    return SubmissionResult(assignment=assignment, submission="submission", notebook="", status="invalid_notebook", tests=tests, messages=[message], language=get_language(), kit_version=__version__)


def _restrict_to_root(*paths: Path) -> None:
    """Remove other users' access to `paths`, so sandboxed code cannot read them without namespaces."""
    for path in paths:
        try:
            mode = path.stat().st_mode
            os.chmod(path, stat.S_IMODE(mode) & ~0o077)
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("could not restrict access to %s: %s", path, error)


class _StaffLog(logging.Handler):
    """Keep the grader's warnings and errors, with tracebacks, for the hidden staff entry."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def text(self) -> str:
        return "\n".join(self.lines)


def _grade(root: Path, config: GradescopeConfig, staff_log: _StaffLog, started: float) -> dict[str, Any]:
    from autograder.grader import grade_notebook
    from autograder.sandbox.session import Limits

    submission = root / "submission"
    notebooks, received = find_notebooks(submission)
    if len(notebooks) == 1:
        limits = Limits(cell_seconds=config.cell_timeout_seconds, call_seconds=config.call_timeout_seconds, memory_mb=int(config.memory_mb))
        private = [root / "source", root / "results", root / "submission_metadata.json"]
        result = grade_notebook(notebooks[0], config.assignment, submission="submission", limits=limits, private_paths=private)
    else:
        if notebooks:
            message = exporter.several_notebooks_message([path.relative_to(submission).as_posix() for path in notebooks])
        else:
            listed = received[:MAX_LISTED_FILES] + (["…"] if len(received) > MAX_LISTED_FILES else [])
            message = exporter.no_notebook_message(listed)
        log.warning("submission folder %s contains %d notebooks, not one; received files: %s", submission, len(notebooks), received)
        result = _unreadable_submission(config.assignment, message)
    log.info("graded %s: %s, %g / %g", notebooks[0] if len(notebooks) == 1 else submission, result.status, result.score, result.max_score)
    return exporter.export_result(result, config.hidden_test_visibility, execution_seconds=time.perf_counter() - started, staff_log=staff_log.text())


def _log_protections() -> None:
    from autograder.sandbox.isolation import expected_protections

    active, missing = expected_protections()
    log.info("sandbox protections: %s", "; ".join(active))
    for item in missing:
        log.warning("sandbox protection not available here: %s", item)


def _fall_back_to_valid_language() -> None:
    """Switch to the default language when the configured one is invalid, so the crash message can be written."""
    try:
        get_language()
    except ValueError:
        set_language(DEFAULT_LANGUAGE)


def run_gradescope(root: Optional[Path] = None) -> int:
    """Grade ``ROOT/submission`` and write ``ROOT/results/results.json``; return 0 once it is written."""
    started = time.perf_counter()
    root = gradescope_root(root)
    results_path = root / "results" / "results.json"
    staff_log = _StaffLog()
    logging.getLogger("autograder").addHandler(staff_log)
    assignment = None
    try:
        _restrict_to_root(root / "source", root / "submission_metadata.json")
        results_path.parent.mkdir(parents=True, exist_ok=True)
        _restrict_to_root(results_path.parent)
        _log_protections()
        config = read_config(root / "source" / CONFIG_NAME)
        assignment = config.assignment
        set_language(os.environ.get(LANGUAGE_ENV) or config.language)
        data = _grade(root, config, staff_log, started)
        exporter.validate_results(data)
    except Exception:
        details = "\n".join([*staff_log.lines, traceback.format_exc()])
        log.exception("the Gradescope route failed; writing a results file with the traceback for staff")
        _fall_back_to_valid_language()
        data = exporter.export_crash(details, assignment=assignment, execution_seconds=time.perf_counter() - started)
    finally:
        logging.getLogger("autograder").removeHandler(staff_log)
    write_json_atomic(results_path, data)
    print(f"results: {results_path} (score {data['score']:g})")
    return 0
