"""The class report of one graded problem set: statistics, an HTML page and CSV files.

`build_class_report` turns a class's `SubmissionResult` objects and their
grading times into a `ClassReport`.  `write_class_report` reads the result
files that ``python -m autograder grade`` left in its output folder and
writes three files there, each atomically (a temporary file, then a rename):

``report.html``
    One self-contained page for the instructor, rendered by
    `autograder.report.classreport_html`: summary, score histogram, pass
    rates per function and per hidden test, the most common diagnosed
    mistakes, the submissions with problems, grading times and a sortable
    table of students that links to ``feedback/<name>.html`` where it exists.
``report.csv``
    One row per submission.  Columns: ``submission``, ``status``, one column
    per function in rubric order (points earned), ``score`` and
    ``max_score``.
``report_tests.csv``
    One row per hidden test of the rubric.  Columns: ``test``, ``function``,
    ``points``, ``passed`` (submissions that passed it), ``counted``
    (submissions in which it ran) and ``pass_rate`` (``passed / counted``
    between 0 and 1, empty when ``counted`` is 0).

Both CSV files are UTF-8 with a header row, written with the csv module.

Which submissions count: the score statistics, the histogram and the pass
rates leave out submissions whose status is ``grader_error``, because their
scores are not final.  Invalid notebooks count, with their score of 0.
Diagnosed mistakes are counted once per submission (a mistake seen in three
tests of one notebook counts once) and, separately, per test.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autograder.catalogue import Mistake, find_mistake_domain, load_catalogue
from autograder.i18n import get_language, language, normalize_language, translator
from autograder.results import SubmissionResult, write_text_atomic
from autograder.rubric import load_rubric

log = logging.getLogger(__name__)

REPORT_HTML = "report.html"
REPORT_CSV = "report.csv"
REPORT_TESTS_CSV = "report_tests.csv"
TIMINGS_CSV = "timings.csv"
FEEDBACK_FOLDER = "feedback"

# Test statuses that the report lists as problems of a submission, besides
# the submission statuses ``invalid_notebook`` and ``grader_error``.
PROBLEM_TEST_STATUSES = ("error", "timeout", "crashed", "grader_error")
# Cell statuses listed as problems: a cell that raised, ran too long or ended the process.
PROBLEM_CELL_STATUSES = ("error", "timeout", "fatal")

# Maximum length of a problem's stored detail, in characters. The result file keeps the full message.
_DETAIL_CHARACTERS = 300


@dataclass(frozen=True)
class ScoreSummary:
    """Counts of submissions and the statistics of their scores."""

    submissions: int
    graded: int
    invalid_notebooks: int
    grader_errors: int
    max_score: float
    """Points of the whole problem set, from the rubric."""
    scores: tuple[float, ...]
    """Scores of the counted submissions (every status but ``grader_error``)."""

    @property
    def counted(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None

    @property
    def max(self) -> float | None:
        return max(self.scores) if self.scores else None


@dataclass(frozen=True)
class FunctionStats:
    """The class's results on one exercise function."""

    function: str
    points: float
    counted: int
    """Submissions counted: none of this function's tests had a grader error."""
    full_marks: int
    """Counted submissions that earned every point of the function."""
    total_score: float

    @property
    def pass_rate(self) -> float | None:
        """Share of counted submissions with full marks, between 0 and 1."""
        return self.full_marks / self.counted if self.counted else None

    @property
    def mean_score(self) -> float | None:
        return self.total_score / self.counted if self.counted else None


@dataclass(frozen=True)
class TestStats:
    """The class's results on one hidden test."""

    __test__ = False  # a result type, not a pytest test class

    test: str
    function: str
    points: float
    counted: int
    """Submissions in which the test ran (its status is not ``grader_error``)."""
    passed: int

    @property
    def pass_rate(self) -> float | None:
        """Share of counted submissions that passed, between 0 and 1."""
        return self.passed / self.counted if self.counted else None


@dataclass(frozen=True)
class MistakeStats:
    """One diagnosed mistake and how often it was seen."""

    mistake_id: str
    function: str
    title: str
    """The mistake's title in the report's language, or its id when no catalogue has it."""
    submissions: tuple[str, ...]
    """Submissions in which it was diagnosed at least once, in report order."""
    tests: int
    """Failed tests that named this mistake, over all submissions."""


@dataclass(frozen=True)
class Problem:
    """Something that went wrong in one submission beyond a wrong result."""

    submission: str
    kind: str
    """``invalid_notebook``, ``grader_error``, a status in `PROBLEM_TEST_STATUSES` prefixed
    with ``test_`` (``test_timeout``) or one in `PROBLEM_CELL_STATUSES` prefixed with ``cell_``."""
    where: str
    """Functions or cell numbers affected, comma-separated, or empty for a problem of the whole submission."""
    detail: str
    """The first message of the result file about it, shortened, in the grading language."""


@dataclass(frozen=True)
class StudentRow:
    """One submission's line in the report."""

    submission: str
    status: str
    score: float
    max_score: float
    function_scores: dict[str, float]
    """Points earned per function, in rubric order."""
    seconds: float | None
    """Grading time from ``timings.csv``; None when it was not graded in the last run."""


@dataclass(frozen=True)
class ClassReport:
    """Everything the class report shows, computed from the results of one problem set."""

    assignment: str
    language: str
    functions: tuple[str, ...]
    """Functions in rubric order."""
    function_points: dict[str, float]
    summary: ScoreSummary
    function_stats: tuple[FunctionStats, ...]
    test_stats: tuple[TestStats, ...]
    mistakes: tuple[MistakeStats, ...]
    """Most common first: by submissions, then by tests, then by id."""
    problems: tuple[Problem, ...]
    students: tuple[StudentRow, ...]
    grading_seconds: dict[str, float] = field(default_factory=dict)
    """Seconds per submission graded in the last run (from ``timings.csv``)."""

    @property
    def median_seconds(self) -> float | None:
        return statistics.median(self.grading_seconds.values()) if self.grading_seconds else None

    @property
    def max_seconds(self) -> float | None:
        return max(self.grading_seconds.values()) if self.grading_seconds else None


def build_class_report(results: list[SubmissionResult], seconds: Mapping[str, float], lang: str, *, assignment: str | None = None) -> ClassReport:
    """Compute the class report of `results`, all of one problem set.

    `seconds` maps submission names to grading seconds; names missing from it
    get no time.  `lang` is the language of the mistake titles.  `assignment`
    is needed only when `results` is empty; otherwise it must match them.
    Raises ValueError when the results belong to several problem sets.
    """
    lang = normalize_language(lang)
    found = {result.assignment for result in results}
    if assignment is not None:
        found.add(assignment)
    if len(found) != 1:
        raise ValueError(f"a class report covers one problem set; got {', '.join(sorted(found)) or 'no results and no assignment'}")
    assignment = found.pop()
    rubric = load_rubric(assignment)
    functions = tuple(rubric.functions)
    counted = [result for result in results if result.status != "grader_error"]

    summary = ScoreSummary(
        submissions=len(results),
        graded=sum(result.status == "graded" for result in results),
        invalid_notebooks=sum(result.status == "invalid_notebook" for result in results),
        grader_errors=sum(result.status == "grader_error" for result in results),
        max_score=rubric.max_score,
        scores=tuple(result.score for result in counted),
    )
    students = tuple(
        StudentRow(
            submission=result.submission,
            status=result.status,
            score=result.score,
            max_score=result.max_score or rubric.max_score,
            function_scores={name: result.function_scores().get(name, (0.0, 0.0))[0] for name in functions},
            seconds=seconds.get(result.submission),
        )
        for result in results
    )
    timed = {result.submission: float(seconds[result.submission]) for result in results if result.submission in seconds}
    return ClassReport(
        assignment=assignment,
        language=lang,
        functions=functions,
        function_points={name: rubric.function_points(name) for name in functions},
        summary=summary,
        function_stats=tuple(_function_stats(results, name, rubric.function_points(name)) for name in functions),
        test_stats=tuple(_test_stats(results, entry.test, entry.function, entry.points) for entry in rubric.entries),
        mistakes=_mistake_stats(results, assignment, lang),
        problems=tuple(problem for result in results for problem in _problems(result)),
        students=students,
        grading_seconds=timed,
    )


def _function_stats(results: Iterable[SubmissionResult], function: str, points: float) -> FunctionStats:
    counted = full = 0
    total = 0.0
    for result in results:
        tests = [test for test in result.tests if test.function == function]
        if not tests or any(test.status == "grader_error" for test in tests):
            continue
        score = sum(test.score for test in tests)
        counted += 1
        total += score
        # Scores are sums of rubric points such as 0.5, so compare with a small tolerance.
        if score >= points - 1e-9:
            full += 1
    return FunctionStats(function=function, points=points, counted=counted, full_marks=full, total_score=total)


def _test_stats(results: Iterable[SubmissionResult], test_name: str, function: str, points: float) -> TestStats:
    counted = passed = 0
    for result in results:
        for test in result.tests:
            if test.name != test_name or test.status == "grader_error":
                continue
            counted += 1
            passed += test.status == "passed"
    return TestStats(test=test_name, function=function, points=points, counted=counted, passed=passed)


def _mistake_stats(results: Iterable[SubmissionResult], assignment: str, lang: str) -> tuple[MistakeStats, ...]:
    submissions: dict[str, list[str]] = {}
    tests: dict[str, int] = {}
    functions: dict[str, str] = {}
    for result in results:
        for test in result.tests:
            if not test.mistake:
                continue
            tests[test.mistake] = tests.get(test.mistake, 0) + 1
            functions.setdefault(test.mistake, test.function)
            seen = submissions.setdefault(test.mistake, [])
            if result.submission not in seen:
                seen.append(result.submission)
    stats = [
        MistakeStats(mistake_id=mistake_id, function=functions[mistake_id], title=mistake_title(mistake_id, assignment, lang), submissions=tuple(names), tests=tests[mistake_id])
        for mistake_id, names in submissions.items()
    ]
    stats.sort(key=lambda item: (-len(item.submissions), -item.tests, item.mistake_id))
    return tuple(stats)


def _find_mistake(mistake_id: str, assignment: str) -> tuple[Mistake | None, str]:
    """Look `mistake_id` up in the catalogues; return the mistake and its translation domain."""
    domain = find_mistake_domain(mistake_id)
    if domain == "autograder":
        # Mistakes shared by every function (``common.*``) are defined by the harness.
        from autograder.harness import INPUTS_MODIFIED

        shared = {INPUTS_MODIFIED.id: INPUTS_MODIFIED}
        return shared.get(mistake_id), domain
    function = mistake_id.split(".", 1)[0]
    for mistake in load_catalogue(domain)[function].mistakes:
        if mistake.id == mistake_id:
            return mistake, domain
    log.debug("mistake %s of %s is not in the %s catalogue", mistake_id, assignment, domain)
    return None, domain


def mistake_title(mistake_id: str, assignment: str, lang: str) -> str:
    """Return the title of a diagnosed mistake in `lang`, or the id when no catalogue has it."""
    mistake, domain = _find_mistake(mistake_id, assignment)
    if mistake is None:
        return mistake_id
    with language(lang):
        return translator(domain)(mistake.title)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DETAIL_CHARACTERS else text[: _DETAIL_CHARACTERS - 1] + "\u2026"


def _problems(result: SubmissionResult) -> list[Problem]:
    """List what went wrong in `result` beyond wrong values, one entry per kind."""
    problems = []
    if result.status == "invalid_notebook":
        problems.append(Problem(result.submission, "invalid_notebook", "", _shorten(" ".join(result.messages))))
    for status in PROBLEM_TEST_STATUSES:
        tests = [test for test in result.tests if test.status == status]
        if not tests:
            continue
        functions = ", ".join(dict.fromkeys(test.function for test in tests))
        if status == "grader_error" and result.status == "grader_error" and len(tests) == len(result.tests):
            # The whole submission failed in the grader: one entry, not one per function.
            problems.append(Problem(result.submission, "grader_error", "", _shorten(tests[0].message)))
        else:
            problems.append(Problem(result.submission, f"test_{status}", functions, _shorten(tests[0].message)))
    for status in PROBLEM_CELL_STATUSES:
        cells = [cell for cell in result.cells if cell.status == status]
        if cells:
            numbers = ", ".join(str(cell.index + 1) for cell in cells)
            problems.append(Problem(result.submission, f"cell_{status}", numbers, _shorten(cells[0].error)))
    return problems


def load_results(out: Path, assignment: str | None = None) -> list[SubmissionResult]:
    """Read the result files ``out/<name>.json``, sorted by submission name.

    Files of another problem set, and JSON files that are not result files,
    are skipped with a warning.  With `assignment` None, every result must
    belong to the same problem set (ValueError otherwise).
    """
    results = []
    for path in sorted(out.glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise TypeError(f"a JSON {type(data).__name__}, not an object")
            result = SubmissionResult.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("skipping %s: not a readable result file (%s)", path, error)
            continue
        if assignment is not None and result.assignment != assignment:
            log.warning("skipping %s: it is a result of %s, not %s", path, result.assignment, assignment)
            continue
        results.append(result)
    found = {result.assignment for result in results}
    if len(found) > 1:
        raise ValueError(f"{out} contains results of several problem sets ({', '.join(sorted(found))}); choose one with --assignment")
    results.sort(key=lambda result: result.submission)
    return results


def read_timings(path: Path) -> dict[str, float]:
    """Read ``timings.csv`` into a map from submission to seconds; a missing file gives {}."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    seconds = {}
    for row in csv.DictReader(io.StringIO(text)):
        try:
            seconds[row["submission"]] = float(row["grading_seconds"])
        except (KeyError, TypeError, ValueError):
            log.warning("%s: skipping a row without a valid grading_seconds value: %r", path, row)
    return seconds


def students_csv(report: ClassReport) -> str:
    """Return the text of ``report.csv``: one row per submission."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["submission", "status", *report.functions, "score", "max_score"])
    for row in report.students:
        writer.writerow([row.submission, row.status, *(f"{row.function_scores[name]:g}" for name in report.functions), f"{row.score:g}", f"{row.max_score:g}"])
    return buffer.getvalue()


def tests_csv(report: ClassReport) -> str:
    """Return the text of ``report_tests.csv``: one row per hidden test."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["test", "function", "points", "passed", "counted", "pass_rate"])
    for stats in report.test_stats:
        rate = "" if stats.pass_rate is None else f"{stats.pass_rate:.4g}"
        writer.writerow([stats.test, stats.function, f"{stats.points:g}", stats.passed, stats.counted, rate])
    return buffer.getvalue()


def write_class_report(out: Path, assignment: str, lang: str | None = None) -> tuple[Path, Path]:
    """Write ``report.html``, ``report.csv`` and ``report_tests.csv`` into `out`.

    Reads the result files of `assignment` and ``timings.csv`` from `out`.
    `lang` defaults to the active language (``--lang``, else $MATCALC_LANG,
    else zh_TW).  Returns the paths of ``report.html`` and ``report.csv``.
    """
    from autograder.report.classreport_html import render_report_html

    lang = normalize_language(lang) if lang else get_language()
    results = load_results(out, assignment)
    report = build_class_report(results, read_timings(out / TIMINGS_CSV), lang, assignment=assignment)
    feedback_pages = {result.submission: f"{FEEDBACK_FOLDER}/{result.submission}.html" for result in results if (out / FEEDBACK_FOLDER / f"{result.submission}.html").is_file()}
    html_path = out / REPORT_HTML
    csv_path = out / REPORT_CSV
    write_text_atomic(html_path, render_report_html(report, feedback_pages))
    write_text_atomic(csv_path, students_csv(report))
    write_text_atomic(out / REPORT_TESTS_CSV, tests_csv(report))
    return html_path, csv_path
