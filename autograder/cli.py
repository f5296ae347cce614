"""Command line of the grader: ``python -m autograder <command> ...``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import unicodedata
from pathlib import Path

from autograder import ASSIGNMENTS
from autograder.i18n import SUPPORTED_LANGUAGES, set_language, translator

log = logging.getLogger("autograder")


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value

    return parse


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description="Grade notebooks of the matrix decompositions and matrix calculus kit.")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade notebooks and write one result file per submission plus gradebook.csv")
    grade.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a notebook, or a folder searched for notebooks (nbgrader's submitted/<student>/<assignment>/ layout names results by student)")
    grade.add_argument("--assignment", "-a", required=True, choices=ASSIGNMENTS, help="problem set the notebooks belong to")
    grade.add_argument("--out", "-o", required=True, type=Path, help="folder for <name>.json results, gradebook.csv and timings.csv")
    grade.add_argument("--jobs", "-j", type=_positive(int), default=os.cpu_count() or 1, help="submissions graded in parallel (default: the number of cores)")
    grade.add_argument("--regrade", action="store_true", help="grade again submissions whose result file already exists for the same notebook")
    grade.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=None, help="language of feedback (default: $MATCALC_LANG, else zh_TW)")
    grade.add_argument("--cell-timeout", type=_positive(float), default=30.0, help="seconds one notebook cell may run (default: 30)")
    grade.add_argument("--call-timeout", type=_positive(float), default=10.0, help="seconds one call of a student function may run (default: 10)")
    grade.add_argument("--memory-mb", type=_positive(int), default=3072, help="address-space limit of the sandboxed process in MiB (default: 3072)")
    grade.add_argument("--no-pages", action="store_true", help="write no feedback pages (feedback/<name>.html and .md) and no class report (report.html, report.csv)")
    grade.add_argument("--quiet", "-q", action="store_true", help="print no score table and no paths of the pages")
    grade.add_argument("--verbose", "-v", action="store_true", help="log each submission and debug details")

    report = commands.add_parser("report", help="write the feedback pages and the class report again from the result files of an earlier grade")
    report.add_argument("--out", "-o", required=True, type=Path, help="folder of the <name>.json results written by grade, where the pages are written too")
    report.add_argument("--assignment", "-a", choices=ASSIGNMENTS, default=None, help="problem set to report on (default: the one of the result files)")
    report.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=None, help="language of the class report (default: $MATCALC_LANG, else zh_TW). Feedback pages keep the language each submission was graded in")
    report.add_argument("--verbose", "-v", action="store_true", help="log debug details")

    sync = commands.add_parser("sync-points", help="write the rubric's points into the hidden-test cells of the source notebooks")
    sync.add_argument("--source", type=Path, default=Path("source"), help="folder of the nbgrader source notebooks (default: source)")
    sync.add_argument("--check", action="store_true", help="only report cells whose points differ; exit 1 if any")

    _add_route_commands(commands)
    return parser


def _add_route_commands(commands) -> None:
    """Add the commands of the Gradescope and container routes."""
    from autograder.exporters.gradescope import DEFAULT_HIDDEN_TEST_VISIBILITY, HIDDEN_TEST_VISIBILITIES

    package = commands.add_parser("gradescope-zip", help="write the Gradescope autograder zip of one problem set")
    package.add_argument("--assignment", "-a", required=True, choices=ASSIGNMENTS, help="problem set the autograder grades")
    package.add_argument("--out", "-o", required=True, type=Path, help="folder for <assignment>-gradescope.zip")
    package.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default="zh_TW", help="language of feedback (default: zh_TW)")
    package.add_argument("--visibility", choices=HIDDEN_TEST_VISIBILITIES, default=DEFAULT_HIDDEN_TEST_VISIBILITY, help=f"when students see the hidden tests' results and score (default: {DEFAULT_HIDDEN_TEST_VISIBILITY})")
    package.add_argument("--cell-timeout", type=_positive(float), default=30.0, help="seconds one notebook cell may run (default: 30)")
    package.add_argument("--call-timeout", type=_positive(float), default=10.0, help="seconds one call of a student function may run (default: 10)")
    package.add_argument("--memory-mb", type=_positive(int), default=3072, help="address-space limit of the sandboxed process in MiB (default: 3072)")

    run = commands.add_parser("gradescope-run", help="grade the submission inside Gradescope (run_autograder calls this)")
    run.add_argument("--root", type=Path, default=None, help="Gradescope's folder (default: $MATCALC_GRADESCOPE_ROOT, else /autograder)")

    container = commands.add_parser("container-grade", help="grade the one notebook of a per-submission container")
    container.add_argument("--assignment", "-a", choices=ASSIGNMENTS, default=None, help="problem set (default: $MATCALC_ASSIGNMENT)")
    container.add_argument("--submission", type=Path, default=None, help="notebook to grade (default: $MATCALC_SUBMISSION, else /submission/submission.ipynb)")
    container.add_argument("--result", type=Path, default=None, help="result JSON to write (default: $MATCALC_RESULT, else /results/result.json)")
    container.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=None, help="language of feedback (default: $MATCALC_LANG, else zh_TW)")


def _display_width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(results) -> None:
    _ = translator("autograder")
    heading = _("submission")
    score = _("score")
    width = max([_display_width(heading)] + [_display_width(result.submission) for result in results])
    scores = [f"{result.score:g} / {result.max_score:g}" for result in results]
    score_width = max([_display_width(score)] + [len(text) for text in scores])
    print(heading + " " * (width - _display_width(heading)) + "  " + " " * (score_width - _display_width(score)) + score + "  " + _("status"))
    for result, text in zip(results, scores):
        padding = " " * (width - _display_width(result.submission))
        print(f"{result.submission}{padding}  {text:>{score_width}}  {result.status}")


def _report_protections() -> None:
    """Say on standard error which sandbox protections this machine gives, and which it lacks."""
    from autograder.sandbox.isolation import expected_protections

    _ = translator("autograder")
    active, missing = expected_protections()
    print(_("sandbox protections: {protections}").format(protections="; ".join(_(item) for item in active)), file=sys.stderr)
    for item in missing:
        log.warning("sandbox protection not available here: %s", item)


def _grade(args: argparse.Namespace) -> int:
    from autograder.batch import discover, grade_batch
    from autograder.sandbox.session import Limits

    set_language(args.lang)
    _ = translator("autograder")
    for path in args.paths:
        if not path.exists():
            print(_("error: submission path not found: {path}").format(path=path), file=sys.stderr)
            return 2
    if not discover(args.paths, args.assignment):
        print(_("error: no .ipynb files found under {paths}").format(paths=", ".join(str(p) for p in args.paths)), file=sys.stderr)
        return 2
    if not args.quiet:
        _report_protections()
    limits = Limits(cell_seconds=args.cell_timeout, call_seconds=args.call_timeout, memory_mb=args.memory_mb)
    try:
        results = grade_batch(args.paths, args.assignment, args.out, jobs=args.jobs, regrade=args.regrade, limits=limits)
    except FileNotFoundError as error:
        print(_("error: {message}").format(message=error), file=sys.stderr)
        return 2
    if not results:
        print(_("error: no .ipynb files found under {paths}").format(paths=", ".join(str(p) for p in args.paths)), file=sys.stderr)
        return 2
    if not args.quiet:
        _print_table(results)
        print(_("results: {folder}/<name>.json, gradebook: {gradebook}").format(folder=args.out, gradebook=args.out / "gradebook.csv"))
    if args.no_pages:
        return 0
    return _write_pages(results, args.out, args.assignment, quiet=args.quiet)


def _write_pages(results, out: Path, assignment: str, quiet: bool = False) -> int:
    """Write the feedback pages of every result and the class report of `out`; return the exit status.

    Feedback pages are in each result's grading language, the class report in the active language.
    """
    from autograder.report.classreport import FEEDBACK_FOLDER, write_class_report
    from autograder.report.feedback import write_feedback

    folder = out / FEEDBACK_FOLDER
    failures = 0
    for result in results:
        try:
            write_feedback(result, folder)
        except Exception:  # one broken page must not cost the others or the report
            log.exception("submission %s: writing its feedback pages into %s failed", result.submission, folder)
            failures += 1
    try:
        html_path, csv_path = write_class_report(out, assignment)
    except Exception:
        log.exception("writing the class report into %s failed", out)
        failures += 1
        html_path = csv_path = None
    _ = translator("autograder")
    if not quiet:
        if html_path is not None:
            print(_("class report: {page} (table: {table})").format(page=html_path, table=csv_path))
        print(_("feedback pages: {folder}/<name>.html and .md").format(folder=folder))
    if failures:
        print(_("error: {count} page(s) could not be written; the log above names them. The result files are complete.").format(count=failures), file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    from autograder.report.classreport import load_results

    set_language(args.lang)
    _ = translator("autograder")
    if not args.out.is_dir():
        print(_("error: result folder not found: {folder}").format(folder=args.out), file=sys.stderr)
        return 2
    try:
        results = load_results(args.out, args.assignment)
    except ValueError as error:
        print(_("error: {message}").format(message=error), file=sys.stderr)
        return 2
    if not results:
        if args.assignment:
            print(_("error: no result files of {assignment} found in {folder}; run `python -m autograder grade` first").format(assignment=args.assignment, folder=args.out), file=sys.stderr)
        else:
            print(_("error: no result files found in {folder}; run `python -m autograder grade` first").format(folder=args.out), file=sys.stderr)
        return 2
    return _write_pages(results, args.out, args.assignment or results[0].assignment)


def _gradescope_zip(args: argparse.Namespace) -> int:
    from autograder.gradescope.package import build_zip
    from autograder.gradescope.run import GradescopeConfig

    config = GradescopeConfig(assignment=args.assignment, language=args.lang, hidden_test_visibility=args.visibility, cell_timeout_seconds=args.cell_timeout, call_timeout_seconds=args.call_timeout, memory_mb=args.memory_mb)
    _ = translator("autograder")
    try:
        path = build_zip(config, args.out)
    except (FileNotFoundError, ValueError) as error:
        print(_("error: {message}").format(message=error), file=sys.stderr)
        return 2
    print(_("Gradescope autograder: {path}").format(path=path))
    return 0


def _container_grade(args: argparse.Namespace) -> int:
    from autograder.container import container_grade

    set_language(args.lang)
    _report_protections()
    return container_grade(args.assignment, args.submission, args.result)


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    unattended = args.command in ("gradescope-run", "container-grade")
    level = logging.DEBUG if getattr(args, "verbose", False) else logging.INFO if unattended or (args.command == "grade" and not sys.stderr.isatty()) else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "grade":
        return _grade(args)
    if args.command == "report":
        return _report(args)
    if args.command == "gradescope-zip":
        return _gradescope_zip(args)
    if args.command == "gradescope-run":
        from autograder.gradescope.run import run_gradescope

        return run_gradescope(args.root)
    if args.command == "container-grade":
        return _container_grade(args)
    if args.command == "sync-points":
        from autograder.points import sync_points

        return sync_points(args.source, check_only=args.check)
    return 2


if __name__ == "__main__":
    sys.exit(main())
