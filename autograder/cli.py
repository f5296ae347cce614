"""Command line of the grader: ``python -m autograder <command> ...``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from autograder import ASSIGNMENTS
from autograder.i18n import SUPPORTED_LANGUAGES, set_language

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
    grade.add_argument("--quiet", "-q", action="store_true", help="print no score table")
    grade.add_argument("--verbose", "-v", action="store_true", help="log each submission and debug details")

    sync = commands.add_parser("sync-points", help="write the rubric's points into the hidden-test cells of the source notebooks")
    sync.add_argument("--source", type=Path, default=Path("source"), help="folder of the nbgrader source notebooks (default: source)")
    sync.add_argument("--check", action="store_true", help="only report cells whose points differ; exit 1 if any")
    return parser


def _print_table(results) -> None:
    width = max([len("submission")] + [len(result.submission) for result in results])
    print(f"{'submission':<{width}}  {'score':>13}  status")
    for result in results:
        print(f"{result.submission:<{width}}  {result.score:>6g} / {result.max_score:<4g}  {result.status}")


def _report_protections() -> None:
    """Say on standard error which sandbox protections this machine gives, and which it lacks."""
    from autograder.sandbox.isolation import expected_protections

    active, missing = expected_protections()
    print("sandbox protections: " + "; ".join(active), file=sys.stderr)
    for item in missing:
        log.warning("sandbox protection not available here: %s", item)


def _grade(args: argparse.Namespace) -> int:
    from autograder.batch import grade_batch
    from autograder.sandbox.session import Limits

    set_language(args.lang)
    if not args.quiet:
        _report_protections()
    limits = Limits(cell_seconds=args.cell_timeout, call_seconds=args.call_timeout, memory_mb=args.memory_mb)
    try:
        results = grade_batch(args.paths, args.assignment, args.out, jobs=args.jobs, regrade=args.regrade, limits=limits)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not results:
        print(f"error: no .ipynb files found under {', '.join(str(p) for p in args.paths)}", file=sys.stderr)
        return 2
    if not args.quiet:
        _print_table(results)
        print(f"results: {args.out}/<name>.json, gradebook: {args.out / 'gradebook.csv'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    level = logging.DEBUG if getattr(args, "verbose", False) else logging.INFO if args.command == "grade" and not sys.stderr.isatty() else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "grade":
        return _grade(args)
    if args.command == "sync-points":
        from autograder.points import sync_points

        return sync_points(args.source, check_only=args.check)
    return 2


if __name__ == "__main__":
    sys.exit(main())
