"""The HTML page of the class report, with its score histogram.

Text is written as English gettext message ids of the ``autograder`` domain
and rendered in the report's language.  Names of functions, tests and
mistake ids stay as they are in the code.

The histogram is drawn by Matplotlib's Agg canvas (no GUI backend, and the
global backend is left alone) and embedded as a base64 PNG.  Its text is
ASCII on purpose: axis labels in English and numbers, because a machine
without a CJK font would draw Chinese labels as empty boxes.  The page around
the figure carries the translated caption and alt text.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from urllib.parse import quote

from autograder import __version__
from autograder.i18n import N_, language, translator
from autograder.report.classreport import ClassReport, FunctionStats, Problem, TestStats
from autograder.report.page import (
    Cell,
    escape,
    format_points,
    render_page,
    status_badge,
    table_html,
)

_ = translator("autograder")

NO_VALUE = "\u2014"

# Bin widths tried for the histogram, smallest first. The first one that needs
# at most _MAX_BINS bins is used, so the edges fall on round numbers.
_BIN_WIDTHS = (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_MAX_BINS = 12

STATUS_LABELS = {
    "graded": N_("Graded"),
    "invalid_notebook": N_("Invalid notebook"),
    "grader_error": N_("Grader error"),
}

PROBLEM_LABELS = {
    "invalid_notebook": N_("Invalid notebook"),
    "grader_error": N_("Grader error"),
    "test_error": N_("Function raised an exception"),
    "test_timeout": N_("Function call timed out"),
    "test_crashed": N_("Sandbox process crashed during a call"),
    "test_grader_error": N_("Grader error in a test"),
    "cell_error": N_("Cell raised an error"),
    "cell_timeout": N_("Cell timed out"),
    "cell_fatal": N_("Cell stopped the Python process"),
}

# The badge tone of each problem kind, given as a status that page.STATUS_TONES lists.
_PROBLEM_TONES = {"invalid_notebook": "invalid_notebook", "grader_error": "grader_error", "test_grader_error": "grader_error", "test_timeout": "timeout"}

_EXTRA_CSS = """
.report-figure { margin: 0.5rem 0 1rem; }
.report-figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.report-figure figcaption { color: var(--muted); font-size: 0.9rem; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem 1.5rem; margin: 0; }
.stats div { margin: 0; }
.stats dt { color: var(--muted); font-size: 0.9rem; }
.stats dd { margin: 0; }
nav.contents ul { margin: 0; padding-left: 1.2rem; columns: 2 14rem; }
"""


def histogram_edges(max_score: float) -> list[float]:
    """Return bin edges from 0 to `max_score` at a round width. The last bin may be narrower."""
    if max_score <= 0:
        return [0.0, 1.0]
    for width in _BIN_WIDTHS:
        if math.ceil(max_score / width - 1e-9) <= _MAX_BINS:
            break
    else:
        width = max_score / _MAX_BINS
    edges = [0.0]
    while edges[-1] + width < max_score - 1e-9:
        edges.append(edges[-1] + width)
    edges.append(float(max_score))
    return edges


def histogram_counts(scores: Sequence[float], edges: Sequence[float]) -> list[int]:
    """Count scores per bin. A bin includes its lower edge, and the last bin also its upper edge."""
    counts = [0] * (len(edges) - 1)
    for score in scores:
        for index in range(len(counts)):
            last = index == len(counts) - 1
            if edges[index] <= score < edges[index + 1] or (last and score >= edges[index]):
                counts[index] += 1
                break
    return counts


def histogram_png(report: ClassReport) -> bytes:
    """Draw the score histogram of `report` and return it as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    summary = report.summary
    edges = histogram_edges(summary.max_score)
    counts = histogram_counts(summary.scores, edges)
    figure = Figure(figsize=(6.4, 3.0), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    widths = [high - low for low, high in pairwise(edges)]
    bars = axes.bar(edges[:-1], counts, width=widths, align="edge", color="#4c7fbf", edgecolor="#1d2330", linewidth=0.6)
    axes.bar_label(bars, labels=[str(count) if count else "" for count in counts], padding=2, fontsize=8)
    if summary.mean is not None:
        axes.axvline(summary.mean, color="#a4221a", linestyle="--", linewidth=1.2, label=f"mean {summary.mean:.3g}")
        axes.legend(loc="upper left", fontsize=8, frameon=False)
    axes.set_xlim(0, edges[-1])
    axes.set_xticks(edges)
    # A narrow last bin would print its two edge labels on top of each other, so the inner one is left blank.
    crowded = widths[-1] < 0.4 * widths[0]
    labels = [format_points(edge) for edge in edges]
    if crowded and len(labels) > 2:
        labels[-2] = ""
    axes.set_xticklabels(labels, fontsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([1, *counts]) * 1.2)
    axes.set_xlabel(f"score (out of {format_points(summary.max_score)})")
    axes.set_ylabel("submissions")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _points_or_dash(value: float | None) -> str:
    return NO_VALUE if value is None else format_points(round(value, 2))


def _rate_cell(part: int, whole: int, rate: float | None) -> Cell:
    if rate is None:
        return Cell(NO_VALUE, sort_value="", numeric=True)
    return Cell(escape(f"{part} / {whole} ({rate * 100:.0f}%)"), sort_value=f"{rate:.6f}", numeric=True)


def _paragraph(text: str, css_class: str = "muted") -> str:
    class_attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{class_attribute}>{escape(text)}</p>"


def _section(anchor: str, heading: str, content: str) -> str:
    return f'<section id="{anchor}">\n<h2>{escape(heading)}</h2>\n{content}\n</section>'


def _contents(sections: Sequence[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor}">{escape(heading)}</a></li>' for anchor, heading in sections)
    label = _("Contents")
    return f'<nav class="contents" aria-label="{escape(label)}"><ul>{items}</ul></nav>'


def _summary_html(report: ClassReport) -> str:
    summary = report.summary
    maximum = format_points(summary.max_score)
    items = [
        (_("Submissions"), str(summary.submissions)),
        (_("Graded"), str(summary.graded)),
        (_("Invalid notebooks"), str(summary.invalid_notebooks)),
        (_("Grader errors"), str(summary.grader_errors)),
        (_("Mean score"), f"{_points_or_dash(summary.mean)} / {maximum}"),
        (_("Median score"), f"{_points_or_dash(summary.median)} / {maximum}"),
        (_("Highest score"), f"{_points_or_dash(summary.max)} / {maximum}"),
    ]
    entries = "".join(f'<div><dt>{escape(label)}</dt><dd class="score">{escape(value)}</dd></div>' for label, value in items)
    note = ""
    if summary.grader_errors:
        note = _paragraph(_("Scores of submissions with a grader error are not final, so the statistics, the histogram and the pass rates leave them out. The grader log says what failed."), "notice")
    return f'<div class="summary"><dl class="stats">{entries}</dl></div>{note}'


def _histogram_html(report: ClassReport) -> str:
    summary = report.summary
    if not summary.scores:
        return _paragraph(_("No scores to show."))
    png = base64.b64encode(histogram_png(report)).decode("ascii")
    alt = _("Histogram of the scores of {count} submissions, from 0 to {max_score} points: mean {mean}, median {median}.").format(
        count=summary.counted, max_score=format_points(summary.max_score), mean=_points_or_dash(summary.mean), median=_points_or_dash(summary.median)
    )
    edges = histogram_edges(summary.max_score)
    counts = histogram_counts(summary.scores, edges)
    rows = [
        [Cell(escape(f"{format_points(low)}\u2013{format_points(high)}"), sort_value=low), Cell(str(count), numeric=True)]
        for low, high, count in zip(edges, edges[1:], counts)
    ]
    table = table_html([_("Score range"), _("Submissions")], rows)
    details_label = _("Counts per score range")
    caption = _("Submissions per score range. The dashed line marks the mean; a range includes its lower end, and the last one also its upper end.")
    return (
        '<figure class="report-figure">'
        f'<img id="score-histogram" src="data:image/png;base64,{png}" alt="{escape(alt)}" width="640" height="300">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
        f"<details><summary>{escape(details_label)}</summary>{table}</details>"
    )


def _functions_html(stats: Sequence[FunctionStats]) -> str:
    rows = [
        [
            Cell(f"<code>{escape(item.function)}</code>", header=True),
            Cell(format_points(item.points), numeric=True),
            Cell(_points_or_dash(item.mean_score), sort_value="" if item.mean_score is None else item.mean_score, numeric=True),
            _rate_cell(item.full_marks, item.counted, item.pass_rate),
        ]
        for item in stats
    ]
    note = _paragraph(_("Full marks: submissions that earned every point of the function."))
    return note + table_html([_("Function"), _("Points"), _("Mean score"), _("Full marks")], rows, sortable=True, css_class="function-stats")


def _tests_html(stats: Sequence[TestStats]) -> str:
    rows = [
        [
            Cell(f"<code>{escape(item.test)}</code>", header=True),
            f"<code>{escape(item.function)}</code>",
            Cell(format_points(item.points), numeric=True),
            _rate_cell(item.passed, item.counted, item.pass_rate),
        ]
        for item in stats
    ]
    return table_html([_("Hidden test"), _("Function"), _("Points"), _("Passed")], rows, sortable=True, css_class="test-stats")


def _mistakes_html(report: ClassReport) -> str:
    if not report.mistakes:
        return _paragraph(_("No mistake was diagnosed."))
    rows = [
        [
            Cell(str(len(item.submissions)), numeric=True),
            Cell(str(item.tests), numeric=True),
            f"<code>{escape(item.function)}</code>",
            f'<span class="mistake-title">{escape(item.title)}</span> <code class="muted">{escape(item.mistake_id)}</code>',
            escape(", ".join(item.submissions)),
        ]
        for item in report.mistakes
    ]
    note = _paragraph(_("A mistake counts once per submission, however many of its tests showed it; the Tests column counts every failed test that named it."))
    return note + table_html([_("Submissions"), _("Tests"), _("Function"), _("Mistake"), _("Who")], rows, sortable=True, css_class="mistakes")


def _problems_html(problems: Sequence[Problem]) -> str:
    if not problems:
        return _paragraph(_("No submission had an invalid notebook, an exception, a timeout, a crash or a grader error."))
    rows = [
        [
            Cell(escape(problem.submission), header=True),
            status_badge(_(PROBLEM_LABELS.get(problem.kind, problem.kind)), _PROBLEM_TONES.get(problem.kind, "error")),
            escape(problem.where) or NO_VALUE,
            escape(problem.detail) or NO_VALUE,
        ]
        for problem in problems
    ]
    note = _paragraph(_("Functions are listed by name and cells by their number in the notebook. Details quote the first message of the result file, in the language the notebooks were graded in."))
    return note + table_html([_("Submission"), _("What happened"), _("Where"), _("Details")], rows, sortable=True, css_class="problems")


def _timing_html(report: ClassReport) -> str:
    if not report.grading_seconds:
        return _paragraph(_("No grading times: no submission was graded in the last run, or timings.csv is missing."))
    line = _("Median {median} s, longest {max} s, over the {count} submissions graded in the last run.").format(
        median=f"{report.median_seconds:.2f}", max=f"{report.max_seconds:.2f}", count=len(report.grading_seconds)
    )
    rows = [
        [Cell(escape(name), header=True), Cell(f"{seconds:.2f}", sort_value=seconds, numeric=True)]
        for name, seconds in report.grading_seconds.items()
    ]
    return _paragraph(line, "") + table_html([_("Submission"), _("Seconds")], rows, sortable=True, css_class="timing")


def _students_html(report: ClassReport, feedback_pages: Mapping[str, str]) -> str:
    rows = []
    for student in report.students:
        name = escape(student.submission)
        page = feedback_pages.get(student.submission)
        label = f'<a href="{escape(quote(page))}">{name}</a>' if page else name
        row = [
            Cell(label, sort_value=student.submission, header=True),
            Cell(status_badge(_(STATUS_LABELS.get(student.status, student.status)), student.status), sort_value=student.status),
            Cell(escape(f"{format_points(student.score)} / {format_points(student.max_score)}"), sort_value=student.score, numeric=True),
        ]
        row += [Cell(format_points(student.function_scores[name]), numeric=True) for name in report.functions]
        rows.append(row)
    headers = [_("Submission"), _("Status"), _("Score")] + [f"{name} ({format_points(report.function_points[name])})" for name in report.functions]
    note = _("Click a column header to sort. Names link to each student's feedback page where one was written.")
    return f'<p class="muted">{escape(note)}</p>' + table_html(headers, rows, sortable=True, css_class="students")


def render_report_html(report: ClassReport, feedback_pages: Mapping[str, str]) -> str:
    """Render the class report as one HTML document in ``report.language``.

    `feedback_pages` maps submission names to the relative URL of their
    feedback page; other names are shown without a link.
    """
    with language(report.language):
        return _render(report, feedback_pages)


def _render(report: ClassReport, feedback_pages: Mapping[str, str]) -> str:
    sections = [
        ("summary", _("Summary"), _summary_html(report)),
        ("distribution", _("Score distribution"), _histogram_html(report)),
        ("functions", _("Functions"), _functions_html(report.function_stats)),
        ("tests", _("Hidden tests"), _tests_html(report.test_stats)),
        ("mistakes", _("Most common mistakes"), _mistakes_html(report)),
        ("problems", _("Submissions with problems"), _problems_html(report.problems)),
        ("timing", _("Grading time"), _timing_html(report)),
        ("students", _("Students"), _students_html(report, feedback_pages)),
    ]
    title = _("Class report: {assignment}").format(assignment=report.assignment)
    body = [f"<header><h1>{escape(title)}</h1></header>", _contents([(anchor, heading) for anchor, heading, _content in sections])]
    body += [_section(anchor, heading, content) for anchor, heading, content in sections]
    footer = _("Written by the matcalc grading kit {version}.").format(version=__version__)
    body.append(f"<footer>{escape(footer)}</footer>")
    return render_page(title, "\n".join(body), report.language, extra_css=_EXTRA_CSS)
