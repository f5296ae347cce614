"""Feedback pages for one graded submission: HTML for the student, Markdown for Gradescope.

Both pages are written in the result's grading language (`result.language`)
and show the same content: the total score, then per function its score,
every hidden test with its points, status and message, and the diagnosed
mistake.  Notebook-level messages and failed cells come first, because a
broken cell often explains the failures below it.

What the pages show of the hidden tests: the test's readable name, its
points and status, and the message the grader wrote.  The message describes
the input in words and may quote expected and received numbers.  The pages
add no hidden input, test code or reference value of their own.  The
diagnosed mistake's title is already part of the message, so the pages mark
that part of the message (``<span class="mistake" data-mistake="<id>">`` in
HTML, bold in Markdown) instead of printing the title again.

Each function's section links to its part of the notebook: the Markdown
heading just before the cell that defines the function in the committed
release notebook ``release/<assignment>/<assignment>.ipynb``.  The link is
``./<the student's notebook file name>#<heading anchor>``, so it works when the
page sits beside the notebook.  Without a release notebook (an installed
kit has none) the pages carry no links.

`render_feedback_markdown` can leave out the test results
(``show_results=False``).  The Gradescope exporter does so while the hidden
tests are not visible, because students see its top-level text at once.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Optional
from urllib.parse import quote

import autograder
from autograder.catalogue import Mistake, find_mistake_domain, load_catalogue
from autograder.i18n import N_, language, translator
from autograder.report.page import Cell, escape, format_points, render_page, status_badge, table_html
from autograder.results import CellRecord, SubmissionResult, TestResult, write_text_atomic

_ = translator("autograder")

RELEASE_DIR = Path(autograder.__file__).resolve().parents[1] / "release"
"""Release notebooks of a source checkout; absent from an installed kit."""

# Status words, as English message ids.  A status missing here is shown as is.
TEST_STATUS_LABELS = {
    "passed": N_("Passed"),
    "failed": N_("Failed"),
    "not_implemented": N_("Not implemented"),
    "missing": N_("Missing"),
    "error": N_("Raised an exception"),
    "timeout": N_("Timed out"),
    "crashed": N_("Crashed"),
    "grader_error": N_("Grader error"),
}
CELL_STATUS_LABELS = {
    "error": N_("Error"),
    "timeout": N_("Timed out"),
    "fatal": N_("Stopped the process"),
    "skipped": N_("Skipped"),
}
SUBMISSION_STATUS_LABELS = {
    "graded": N_("Graded"),
    "invalid_notebook": N_("Invalid notebook"),
    "grader_error": N_("Grader error"),
}


def _quoted_in_messages(cell, messages: list[str]) -> bool:
    """Tell whether a notebook message already gives the cell's error: quoted, or the plain time-out it states."""
    if cell.status == "timeout" and cell.error == _("time limit reached"):
        return True
    return bool(cell.error) and any(cell.error in message for message in messages)


def _label(labels: dict[str, str], status: str) -> str:
    message = labels.get(status)
    return _(message) if message else status


# --- notebook sections ----------------------------------------------------------


@dataclass(frozen=True)
class NotebookSection:
    """The heading before a function's cell in the release notebook."""

    heading: str
    """The heading's text as Jupyter renders it (Markdown markup removed)."""
    anchor: str
    """The URL fragment Jupyter gives the heading, percent-encoded."""


# Characters that nbconvert leaves unencoded in a heading id besides letters,
# digits and "_.-~" (nbconvert 7.17, `filters.strings._convert_header_id`).
_FRAGMENT_SAFE = "?/:@!$&'()*+,;="


def heading_anchor(text: str) -> str:
    """Return the URL fragment of a notebook heading whose rendered text is `text`.

    JupyterLab 4 (``createHeaderId``) sets a heading's id to its text content
    with each space replaced by "-".  nbconvert 7 does the same and
    percent-encodes the characters a URL fragment cannot hold.  A browser
    matches this encoded fragment against both: first as written
    (nbconvert's id), then percent-decoded (JupyterLab's id).
    """
    return quote(text.replace(" ", "-"), safe=_FRAGMENT_SAFE)


_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Inline spans whose text is kept verbatim: code spans and TeX math.
_VERBATIM_SPAN = re.compile(r"(`+)(.+?)\1|(\$\$?)(.+?)\3", re.S)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|mailto:)[^<>\s]*)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9])")
_STRIKETHROUGH = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _inline_text(markdown: str) -> str:
    """Return the text content of inline Markdown, as a browser shows it before MathJax runs.

    NOTE: regular expressions cover code spans, math, links, images, inline
    HTML, emphasis and escapes, not the full CommonMark delimiter rules.
    Nested or unbalanced emphasis can come out different from Jupyter's text.
    """
    import html

    verbatim: list[str] = []

    def keep(match: re.Match[str]) -> str:
        # A code span shows its content; math keeps its dollar signs.
        verbatim.append(match.group(2).strip() if match.group(1) else match.group(0))
        return f"\x00{len(verbatim) - 1}\x00"

    text = _VERBATIM_SPAN.sub(keep, markdown)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in (_STRONG, _STRIKETHROUGH):
        text = pattern.sub(lambda match: match.group(match.lastindex or 1), text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _BACKSLASH_ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    text = re.sub(r"\x00(\d+)\x00", lambda match: verbatim[int(match.group(1))], text)
    return text.strip()


def markdown_headings(source: str) -> list[str]:
    """Return the text of every ATX and setext heading in a Markdown cell, in order."""
    headings = []
    fence: Optional[str] = None
    previous = ""
    for line in source.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opening:
            fence = opening.group(1)
            previous = ""
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            headings.append(_inline_text(atx.group(1) or ""))
            previous = ""
            continue
        if previous.strip() and _SETEXT_UNDERLINE.match(line) and not _ATX_HEADING.match(previous):
            headings.append(_inline_text(previous.strip()))
            previous = ""
            continue
        previous = line
    return [heading for heading in headings if heading]


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _defined_names(cell: dict) -> list[str]:
    """Return the exercise names a code cell defines: its nbgrader ``grade_id`` and its top-level functions.

    The ``grade_id`` of a solution cell is the exercise's name, which also
    covers exercises whose result is a variable (a quiz's ``answer_q1``).
    """
    names = []
    metadata = cell.get("metadata", {}).get("nbgrader", {})
    if isinstance(metadata, dict) and isinstance(metadata.get("grade_id"), str):
        names.append(metadata["grade_id"])
    names.extend(re.findall(r"^def\s+([A-Za-z_]\w*)\s*\(", _cell_source(cell), re.M))
    return names


def notebook_sections(notebook: dict) -> dict[str, NotebookSection]:
    """Map each exercise name defined in a code cell to the heading just before that cell."""
    sections: dict[str, NotebookSection] = {}
    current: Optional[NotebookSection] = None
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            headings = markdown_headings(_cell_source(cell))
            if headings:
                current = NotebookSection(headings[-1], heading_anchor(headings[-1]))
        elif cell.get("cell_type") == "code" and current is not None:
            for name in _defined_names(cell):
                sections.setdefault(name, current)
    return sections


@lru_cache(maxsize=32)
def _read_sections(path: str, modified_ns: int) -> dict[str, NotebookSection]:
    with open(path, encoding="utf-8") as stream:
        return notebook_sections(json.load(stream))


def release_sections(assignment: str, release_dir: Optional[Path] = None) -> dict[str, NotebookSection]:
    """Return the function sections of the release notebook of `assignment`, or {} when there is none."""
    path = (release_dir or RELEASE_DIR) / assignment / f"{assignment}.ipynb"
    try:
        return _read_sections(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError):
        # A missing or unreadable release notebook only costs the links.
        return {}


def _notebook_file_name(result: SubmissionResult) -> str:
    name = PurePath(result.notebook.replace("\\", "/")).name if result.notebook else ""
    return name or f"{result.assignment}.ipynb"


def _section_link(result: SubmissionResult, section: NotebookSection) -> str:
    # "./" keeps the ":" of a heading such as "4. PCA:..." from reading as a
    # URL scheme to Markdown sanitizers that only look for a colon before the first "/".
    return f"./{quote(_notebook_file_name(result))}#{section.anchor}"


# --- mistakes -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shared_mistakes() -> dict[str, Mistake]:
    """Return the mistakes the harness diagnoses for every function, by id."""
    from autograder import harness

    return {value.id: value for value in vars(harness).values() if isinstance(value, Mistake)}


def mistake_title(assignment: str, mistake_id: str) -> Optional[str]:
    """Return the title of a diagnosed mistake in the active language, or None when the catalogue no longer has it."""
    function = mistake_id.split(".", 1)[0]
    mistake = _shared_mistakes().get(mistake_id)
    if mistake is None:
        try:
            spec = load_catalogue(assignment).get(function)
        except (KeyError, ImportError):
            spec = None
        mistakes = spec.mistakes if spec is not None else []
        mistake = next((candidate for candidate in mistakes if candidate.id == mistake_id), None)
    if mistake is None:
        return None
    return translator(find_mistake_domain(mistake_id))(mistake.title)


def _title_in_message(result: SubmissionResult, mistake_id: str) -> Optional[str]:
    """Return the mistake's title in the language the messages were graded in, as it appears in them."""
    with language(result.language):
        return mistake_title(result.assignment, mistake_id)


# --- shared content ---------------------------------------------------------------


def _case_title(test: TestResult) -> str:
    """Return a test's readable name within its function: ``random data`` for ``test_pca_random_data``."""
    case = test.name.removeprefix(f"test_{test.function}_")
    if case == test.name:
        case = test.name.removeprefix("test_")
    return case.replace("_", " ")


def _functions(result: SubmissionResult) -> dict[str, list[TestResult]]:
    grouped: dict[str, list[TestResult]] = {}
    for test in result.tests:
        grouped.setdefault(test.function, []).append(test)
    return grouped


def _failed_cells(result: SubmissionResult) -> list[CellRecord]:
    return [cell for cell in result.cells if cell.status != "ok"]


def _score_text(score: float, maximum: float) -> str:
    return f"{format_points(score)} / {format_points(maximum)}"


def _title(result: SubmissionResult) -> str:
    return _("Feedback on {assignment}: {submission}").format(assignment=result.assignment, submission=result.submission)


def _status_notice(result: SubmissionResult) -> str:
    if result.status == "invalid_notebook":
        return _("Your notebook could not be graded because the file could not be read as a notebook. Fix the file and submit it again.")
    if result.status == "grader_error":
        return _("The grader failed on your submission; this is not your fault. Please contact your instructor.")
    return ""


# --- HTML -----------------------------------------------------------------------

_FEEDBACK_CSS = """
.mistake { font-weight: 600; background: var(--warn-bg); border-bottom: 2px solid var(--warn-fg); padding: 0 0.15rem; }
.message { white-space: pre-wrap; }
.function-score { font-variant-numeric: tabular-nums; font-weight: 600; }
.section-link { font-size: 0.92rem; }
table.overview code { overflow-wrap: anywhere; }
/* On a phone each test becomes a block: name, points and status on one line, the message below. */
@media (max-width: 40rem) {
  table.tests thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.tests, table.tests tbody, table.tests tr { display: block; width: 100%; }
  table.tests tr { border-bottom: 1px solid var(--line); padding: 0.35rem 0; }
  table.tests th, table.tests td { display: inline-block; border: 0; padding: 0.1rem 0.4rem 0.1rem 0; }
  table.tests td.feedback { display: block; }
  table.tests td.feedback:empty { display: none; }
}
"""


def _mark_last(text: str, part: str, before: str, after: str) -> str:
    """Wrap the last occurrence of `part` in `text`: the mistake's title follows the input's description."""
    head, _separator, tail = text.rpartition(part)
    return f"{head}{before}{part}{after}{tail}"


def _message_html(result: SubmissionResult, test: TestResult) -> str:
    """Escape a test's message and mark the diagnosed mistake's title inside it."""
    message = escape(test.message)
    if not test.mistake:
        return message
    title = _title_in_message(result, test.mistake)
    label = _("Diagnosed mistake")
    opening = f'<span class="mistake" data-mistake="{escape(test.mistake)}" title="{escape(label)}: {escape(test.mistake)}">'
    if title and escape(title) in message:
        return _mark_last(message, escape(title), opening, "</span>")
    # The message does not contain the title (for example a result file from
    # an older catalogue), so the element carries the title or the id itself.
    mistake_html = escape(title) if title else f"<code>{escape(test.mistake)}</code>"
    separator = " " if message else ""
    return f"{message}{separator}{escape(label)}: {opening}{mistake_html}</span>"


def _tests_table_html(result: SubmissionResult, tests: list[TestResult]) -> str:
    rows = []
    previous_message = None
    for test in tests:
        if not test.message and not test.mistake:
            feedback = ""
        elif test.message and test.message == previous_message:
            same = _("Same message as the test above.")
            feedback = f'<span class="muted">{escape(same)}</span>'
        else:
            feedback = f'<div class="message">{_message_html(result, test)}</div>'
        previous_message = test.message
        rows.append([
            Cell(escape(_case_title(test)), header=True),
            Cell(escape(_score_text(test.score, test.max_score)), numeric=True),
            status_badge(_label(TEST_STATUS_LABELS, test.status), test.status),
            Cell(feedback, css_class="feedback"),
        ])
    return table_html([_("Test"), _("Points"), _("Status"), _("Feedback")], rows, css_class="tests", numeric_columns=(1,))


def _notebook_html(result: SubmissionResult) -> str:
    failed_cells = _failed_cells(result)
    if not result.messages and not failed_cells:
        return ""
    heading = _("Notebook")
    parts = [f'<section id="notebook"><h2>{escape(heading)}</h2>']
    if result.messages:
        items = "".join(f'<li class="message">{escape(message)}</li>' for message in result.messages)
        parts.append(f"<ul>{items}</ul>")
    if failed_cells:
        # The grader's notebook messages usually quote a cell's error already,
        # so the Error column lists only errors that no message quotes.
        errors = ["" if not cell.error or _quoted_in_messages(cell, result.messages) else cell.error for cell in failed_cells]
        headers = [_("Cell"), _("Status")] + ([_("Error")] if any(errors) else [])
        rows = []
        for cell, error in zip(failed_cells, errors):
            row = [
                Cell(escape(str(cell.index + 1)), sort_value=cell.index + 1, numeric=True),
                status_badge(_label(CELL_STATUS_LABELS, cell.status), cell.status),
            ]
            if any(errors):
                row.append(Cell(f'<div class="message">{escape(error)}</div>' if error else ""))
            rows.append(row)
        parts.append(table_html(headers, rows, caption=_("Cells that failed"), numeric_columns=(0,)))
        advice = _("Run \"Restart Kernel and Run All Cells\" in Jupyter to see the same errors in your notebook.")
        parts.append(f'<p class="muted">{escape(advice)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _is_quiz(assignment: str) -> bool:
    """Tell whether the assignment grades answers to questions rather than functions."""
    try:
        module = importlib.import_module(f"autograder.catalogue.{assignment}")
    except ImportError:
        return False
    return hasattr(module, "QUESTIONS")


def _overview_html(result: SubmissionResult) -> str:
    """Tabulate every function's points; each name links to the function's section below."""
    rows = []
    for function, tests in _functions(result).items():
        score = sum(test.score for test in tests)
        maximum = sum(test.max_score for test in tests)
        passed = sum(test.status == "passed" for test in tests)
        rows.append([
            Cell(f'<a href="#function-{escape(function)}"><code>{escape(function)}</code></a>', sort_value=function, header=True),
            Cell(escape(format_points(score)), sort_value=score, numeric=True),
            Cell(escape(format_points(maximum)), sort_value=maximum, numeric=True),
            Cell(escape(f"{passed} / {len(tests)}"), sort_value=passed / len(tests), numeric=True),
        ])
    quiz = _is_quiz(result.assignment)
    headers = [_("Question") if quiz else _("Function"), _("Score"), _("Max score"), _("Tests passed")]
    return table_html(headers, rows, sortable=True, css_class="overview", caption=_("Questions") if quiz else _("Functions"), numeric_columns=(1, 2, 3))


def _function_html(result: SubmissionResult, function: str, tests: list[TestResult], sections: dict[str, NotebookSection]) -> str:
    score = sum(test.score for test in tests)
    maximum = sum(test.max_score for test in tests)
    points = _("{score} / {max_score} points").format(score=format_points(score), max_score=format_points(maximum))
    parts = [
        f'<section id="function-{escape(function)}" class="function">',
        f'<h2><code>{escape(function)}</code> <span class="function-score">{escape(points)}</span></h2>',
    ]
    section = sections.get(function)
    if section:
        text = _("In your notebook: {heading}").format(heading=section.heading)
        parts.append(f'<p class="section-link"><a href="{escape(_section_link(result, section))}">{escape(text)}</a></p>')
    parts.append(_tests_table_html(result, tests))
    parts.append("</section>")
    return "\n".join(parts)


def render_feedback_html(result: SubmissionResult, *, release_dir: Optional[Path] = None, lang: Optional[str] = None) -> str:
    """Render the student's feedback page as a complete HTML document.

    The labels are in `lang`, by default `result.language`; the messages
    stay in the language they were graded in.  `release_dir` contains
    ``<assignment>/<assignment>.ipynb`` for the section links and defaults
    to the checkout's ``release/`` folder.
    """
    lang = lang or result.language
    sections = {} if result.status == "invalid_notebook" else release_sections(result.assignment, release_dir)
    with language(lang):
        title = _title(result)
        score = _("Score: {score:g} / {max_score:g}.").format(score=result.score, max_score=result.max_score)
        file_line = _("Notebook file: {name}").format(name=_notebook_file_name(result))
        parts = [
            f"<header><h1>{escape(title)}</h1>",
            f'<p class="muted">{escape(file_line)}</p></header>',
            '<div class="summary">',
            f'<p><span class="score">{escape(score)}</span> {status_badge(_label(SUBMISSION_STATUS_LABELS, result.status), result.status)}</p>',
        ]
        notice = _status_notice(result)
        if notice:
            parts.append(f'<p class="notice">{escape(notice)}</p>')
        parts.append("</div>")
        parts.append(_notebook_html(result))
        grouped = _functions(result)
        if grouped:
            heading = _("Scores by question") if _is_quiz(result.assignment) else _("Scores by function")
            parts.append(f'<section id="functions"><h2>{escape(heading)}</h2>')
            parts.append(_overview_html(result))
            parts.append("</section>")
        # A file that is not a notebook gives every test the same message, already shown above.
        if result.status != "invalid_notebook":
            for function, tests in grouped.items():
                parts.append(_function_html(result, function, tests, sections))
        footer = _("Graded by the matcalc grading kit {version}.").format(version=result.kit_version or autograder.__version__)
        parts.append(f"<footer>{escape(footer)}</footer>")
        body = "\n".join(part for part in parts if part)
        return render_page(title, body, lang, extra_css=_FEEDBACK_CSS)


# --- Markdown -------------------------------------------------------------------

# Characters that Markdown could read as markup inside a message: emphasis,
# links, inline HTML, table pipes, math delimiters and entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&#])")

_MARKDOWN_SYMBOLS = {"passed": "\u2705", "not_implemented": "\u26a0\ufe0f", "grader_error": "\u2757"}


def markdown_escape(text: str) -> str:
    """Backslash-escape Markdown markup in `text` and fold it onto one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _message_markdown(result: SubmissionResult, test: TestResult) -> str:
    message = markdown_escape(test.message)
    if not test.mistake:
        return message
    title = _title_in_message(result, test.mistake)
    if title and markdown_escape(title) in message:
        return _mark_last(message, markdown_escape(title), "**", "**")
    mistake_markdown = markdown_escape(title) if title else f"`{test.mistake}`"
    separator = " " if message else ""
    label = markdown_escape(_("Diagnosed mistake"))
    return f"{message}{separator}{label}: **{mistake_markdown}**"


def _overview_markdown(result: SubmissionResult, grouped: dict[str, list[TestResult]], sections: dict[str, NotebookSection]) -> list[str]:
    """List every function with its points, tests passed and a link to its notebook section."""
    heading = markdown_escape(_("Scores by question") if _is_quiz(result.assignment) else _("Scores by function"))
    lines = [f"### {heading}", ""]
    for function, tests in grouped.items():
        score = sum(test.score for test in tests)
        maximum = sum(test.max_score for test in tests)
        passed = sum(test.status == "passed" for test in tests)
        symbol = _MARKDOWN_SYMBOLS["passed"] if passed == len(tests) else "\u274c"
        points = _("{score} / {max_score} points").format(score=format_points(score), max_score=format_points(maximum))
        counts = _("{passed} of {total} tests passed.").format(passed=passed, total=len(tests))
        line = f"- {symbol} `{function}`: {markdown_escape(points)}, {markdown_escape(counts)}"
        section = sections.get(function)
        if section:
            link = f"[{markdown_escape(section.heading)}](<{_section_link(result, section)}>)"
            line += " " + markdown_escape(_("In your notebook: {heading}")).format(heading=link)
        lines.append(line)
    lines.append("")
    return lines


def _failures_markdown(result: SubmissionResult, function: str, tests: list[TestResult]) -> list[str]:
    """List the tests of `function` that did not pass, with their messages."""
    failures = [test for test in tests if test.status != "passed"]
    if not failures:
        return []
    lines = [f"#### `{function}`", ""]
    previous_message = None
    for test in failures:
        symbol = _MARKDOWN_SYMBOLS.get(test.status, "\u274c")
        status = _label(TEST_STATUS_LABELS, test.status)
        head = f"- {symbol} **{markdown_escape(_case_title(test))}** ({_score_text(test.score, test.max_score)}, {markdown_escape(status)})"
        if test.message and test.message == previous_message:
            same = markdown_escape(_("Same message as the test above."))
            lines.append(f"{head}: {same}")
        elif test.message:
            lines.append(f"{head}: {_message_markdown(result, test)}")
        else:
            lines.append(head)
        previous_message = test.message
    lines.append("")
    return lines


def _notebook_markdown(result: SubmissionResult) -> list[str]:
    failed_cells = _failed_cells(result)
    if not result.messages and not failed_cells:
        return []
    heading = markdown_escape(_("Notebook"))
    lines = [f"### {heading}", ""]
    lines.extend(f"- {markdown_escape(message)}" for message in result.messages)
    for cell in failed_cells:
        # Cells whose error a notebook message already quotes are not listed twice.
        if _quoted_in_messages(cell, result.messages):
            continue
        text = _("Cell {number}: {status}").format(number=cell.index + 1, status=_label(CELL_STATUS_LABELS, cell.status))
        detail = f": {markdown_escape(cell.error)}" if cell.error else ""
        lines.append(f"- {markdown_escape(text)}{detail}")
    lines.extend(["", markdown_escape(_("Run \"Restart Kernel and Run All Cells\" in Jupyter to see the same errors in your notebook.")), ""])
    return lines


def render_feedback_markdown(
    result: SubmissionResult,
    *,
    show_results: bool = True,
    results_note: str = "",
    release_dir: Optional[Path] = None,
    lang: Optional[str] = None,
) -> str:
    """Render the feedback as short Markdown, for Gradescope's top-level output.

    The labels are in `lang`, by default `result.language`; the messages
    stay in the language they were graded in.  With ``show_results=False``
    the text leaves out the score and every test's status and message, and
    shows `results_note` (already translated) in their place.
    Notebook-level messages stay, because they describe the student's own
    notebook.
    """
    sections = {} if result.status == "invalid_notebook" else release_sections(result.assignment, release_dir)
    with language(lang or result.language):
        lines = [f"## {markdown_escape(_title(result))}", ""]
        grouped = _functions(result)
        if show_results:
            lines.extend([_("Score: {score:g} / {max_score:g}.").format(score=result.score, max_score=result.max_score), ""])
        elif result.status != "invalid_notebook":
            template = _("Graded {tests} hidden tests of {functions} questions of `{assignment}`.") if _is_quiz(result.assignment) else _("Graded {tests} hidden tests of {functions} functions of `{assignment}`.")
            graded = template.format(tests=len(result.tests), functions=len(grouped), assignment=result.assignment)
            lines.extend([graded, ""])
            if results_note:
                lines.extend([results_note, ""])
        notice = _status_notice(result)
        if notice:
            lines.extend([f"**{markdown_escape(notice)}**", ""])
        lines.extend(_notebook_markdown(result))
        if show_results and grouped:
            lines.extend(_overview_markdown(result, grouped, sections))
        # A file that is not a notebook gives every test the same message, already shown above.
        if show_results and result.status != "invalid_notebook":
            for function, tests in grouped.items():
                lines.extend(_failures_markdown(result, function, tests))
        return "\n".join(lines).rstrip() + "\n"


# --- files ----------------------------------------------------------------------


def feedback_file_stem(submission: str) -> str:
    """Return a file name stem for `submission`: letters, digits, "-", "_" and "." kept, anything else "_".

    Submission names from `autograder.batch` already have this form, so their
    feedback files sit beside their result files under the same name.
    """
    cleaned = "".join(character if character.isalnum() or character in "-_." else "_" for character in submission)
    return cleaned.strip("._") or "submission"


def write_feedback(result: SubmissionResult, folder: Path, *, release_dir: Optional[Path] = None) -> tuple[Path, Path]:
    """Write ``<folder>/<submission>.html`` and ``.md`` atomically and return both paths."""
    folder = Path(folder)
    stem = feedback_file_stem(result.submission)
    html_path = folder / f"{stem}.html"
    markdown_path = folder / f"{stem}.md"
    write_text_atomic(html_path, render_feedback_html(result, release_dir=release_dir))
    write_text_atomic(markdown_path, render_feedback_markdown(result, release_dir=release_dir))
    return html_path, markdown_path
