"""The HTML shell shared by every page the grader writes.

A page is one self-contained HTML5 file: the CSS and the table-sorting script
are embedded, and nothing is loaded from a URL, so a page can be mailed,
opened from ``file://`` on a phone, or printed.

API (stable; later changes only add keyword arguments or helpers):

``render_page(title, body_html, lang, *, extra_css="") -> str``
    The whole document.  `title` is plain text and is escaped here.
    `body_html` is inserted unchanged, so callers escape what they put in it.
    `lang` is a grading language (``zh_TW``, ``en`` or a spelling such as
    ``zh-TW``) and sets ``<html lang>`` to ``zh-Hant-TW`` or ``en``.
    `extra_css` is appended to the embedded style sheet.
``escape(text) -> str``
    `html.escape` with quotes escaped, for text and attribute values.
``html_language(lang) -> str``
    The BCP 47 tag for ``<html lang>``.
``format_points(value) -> str``
    Points without trailing zeros: ``3``, ``2.5``, ``0.25``.
``status_badge(label, status) -> str``
    A ``<span class="badge badge-<tone>" data-status="<status>">`` with a
    symbol and `label`, readable without colour and in print.
``table_html(headers, rows, *, sortable=False, css_class="", caption="", numeric_columns=()) -> str``
    A ``<table>`` wrapped in a horizontally scrolling ``<div>``.  Headers are
    plain text (escaped here).  Each cell is either an HTML string or a
    `Cell`, which can carry a sort key, a numeric alignment and a class.

Sorting: every ``<table class="sortable">`` gets clickable headers (also
Enter or Space on a focused header).  The sort key of a cell is its
``data-sort-value`` attribute, else its text.  Keys that read as numbers
(``3``, ``-0.5``, ``1e-6``, ``75%``) sort numerically and before text keys;
empty keys sort last.  A header with class ``no-sort`` stays fixed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Optional, Sequence, Union

from autograder.i18n import normalize_language

_HTML_LANGUAGE_TAGS = {"zh_TW": "zh-Hant-TW", "en": "en"}

# Tone of the badge for each test or submission status.  Unknown statuses get
# the neutral tone, so a new status never breaks a page.
STATUS_TONES = {
    "passed": "ok",
    "graded": "ok",
    "ok": "ok",
    "partial": "warn",
    "failed": "bad",
    "not_implemented": "warn",
    "missing": "bad",
    "error": "bad",
    "timeout": "bad",
    "crashed": "bad",
    "fatal": "bad",
    "invalid_notebook": "bad",
    "grader_error": "staff",
    "skipped": "neutral",
}

# A symbol per tone, so the badge is readable in greyscale print and without colour vision.
_TONE_SYMBOLS = {"ok": "\u2713", "warn": "\u25b3", "bad": "\u2717", "staff": "!", "neutral": "\u2013"}


def escape(text: object) -> str:
    """Escape `text` for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def html_language(lang: str) -> str:
    """Return the ``<html lang>`` tag for a grading language: ``zh-Hant-TW`` or ``en``."""
    return _HTML_LANGUAGE_TAGS[normalize_language(lang)]


def format_points(value: float) -> str:
    """Format points without trailing zeros: 3.0 -> ``3``, 2.50 -> ``2.5``."""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def status_badge(label: str, status: str) -> str:
    """Return a badge that shows `label` (already translated) in the tone of `status`."""
    tone = STATUS_TONES.get(status, "neutral")
    symbol = _TONE_SYMBOLS[tone]
    return (
        f'<span class="badge badge-{tone}" data-status="{escape(status)}">'
        f'<span class="badge-symbol" aria-hidden="true">{symbol}</span> {escape(label)}</span>'
    )


@dataclass(frozen=True)
class Cell:
    """A table cell: its HTML content, an optional sort key, numeric alignment and CSS class."""

    content_html: str
    sort_value: Optional[Union[str, float]] = None
    numeric: bool = False
    header: bool = False
    """Render as ``<th scope="row">``, for a row's label."""
    css_class: str = ""


def _cell_html(cell: Union[str, Cell]) -> str:
    if isinstance(cell, str):
        return f"<td>{cell}</td>"
    tag = "th" if cell.header else "td"
    attributes = ' scope="row"' if cell.header else ""
    if cell.sort_value is not None:
        attributes += f' data-sort-value="{escape(cell.sort_value)}"'
    classes = " ".join(name for name in ("num" if cell.numeric else "", cell.css_class) if name)
    if classes:
        attributes += f' class="{escape(classes)}"'
    return f"<{tag}{attributes}>{cell.content_html}</{tag}>"


def table_html(
    headers: Sequence[str],
    rows: Sequence[Sequence[Union[str, Cell]]],
    *,
    sortable: bool = False,
    css_class: str = "",
    caption: str = "",
    numeric_columns: Sequence[int] = (),
) -> str:
    """Render a table; `headers` and `caption` are plain text, cells are HTML or `Cell`.

    The headers of `numeric_columns` (0-based) are right-aligned like numeric cells.
    """
    classes = " ".join(name for name in ("sortable" if sortable else "", css_class) if name)
    class_attribute = f' class="{escape(classes)}"' if classes else ""
    lines = [f'<div class="table-scroll"><table{class_attribute}>']
    if caption:
        lines.append(f"<caption>{escape(caption)}</caption>")
    header_cells = "".join(
        f'<th scope="col" class="num">{escape(header)}</th>' if column in numeric_columns else f'<th scope="col">{escape(header)}</th>'
        for column, header in enumerate(headers)
    )
    lines.append(f"<thead><tr>{header_cells}</tr></thead>")
    lines.append("<tbody>")
    for row in rows:
        lines.append("<tr>" + "".join(_cell_html(cell) for cell in row) + "</tr>")
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


_CSS = """
:root {
  color-scheme: light;
  --text: #1d2330;
  --muted: #5a6270;
  --line: #d5d9e0;
  --surface: #f5f6f8;
  --accent: #1f5fa8;
  --ok-bg: #e3f4e6; --ok-fg: #1b6b2a;
  --warn-bg: #fff3d6; --warn-fg: #7a5200;
  --bad-bg: #fde5e3; --bad-fg: #a4221a;
  --staff-bg: #ece6fb; --staff-fg: #4a2f96;
  --neutral-bg: #eceef1; --neutral-fg: #3d4450;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto;
  max-width: 64rem;
  padding: 1rem;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans TC", "PingFang TC",
    "Microsoft JhengHei", "Noto Sans", sans-serif;
  font-size: 1rem;
  line-height: 1.55;
  color: var(--text);
  background: #fff;
  overflow-wrap: break-word;
}
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; }
pre { white-space: pre-wrap; background: var(--surface); padding: 0.5rem; border-radius: 4px; }
.muted { color: var(--muted); }
.summary { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; }
.score { font-size: 1.25rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--surface); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable thead th:not(.no-sort) { cursor: pointer; user-select: none; }
table.sortable thead th:not(.no-sort)::after { content: " \\2195"; color: var(--muted); font-size: 0.85em; }
table.sortable thead th[aria-sort="ascending"]::after { content: " \\25B2"; color: var(--text); }
table.sortable thead th[aria-sort="descending"]::after { content: " \\25BC"; color: var(--text); }
table.sortable thead th:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.badge {
  display: inline-block; white-space: nowrap; border-radius: 999px;
  padding: 0.05rem 0.55rem; font-size: 0.85rem; font-weight: 600; border: 1px solid currentColor;
}
.badge-ok { background: var(--ok-bg); color: var(--ok-fg); }
.badge-warn { background: var(--warn-bg); color: var(--warn-fg); }
.badge-bad { background: var(--bad-bg); color: var(--bad-fg); }
.badge-staff { background: var(--staff-bg); color: var(--staff-fg); }
.badge-neutral { background: var(--neutral-bg); color: var(--neutral-fg); }
.notice { border-left: 4px solid var(--warn-fg); background: var(--warn-bg); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: 0.6rem; }
  table { font-size: 0.9rem; }
  th, td { padding: 0.35rem 0.3rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .table-scroll { overflow: visible; }
  table.sortable thead th::after { content: none !important; }
  tr, .badge, .summary { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .badge { background: none !important; color: #000 !important; }
  a { color: inherit; }
}
"""

# Plain ES5 without modules, so it runs from file:// in every current browser.
# It only touches tables that exist when the document has loaded.
_SORT_SCRIPT = """
(function () {
  "use strict";
  var NUMBER = /^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?%?$/;
  function sortKey(cell) {
    if (!cell) { return { kind: 2, value: "" }; }
    var raw = cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent;
    var text = (raw || "").replace(/\\s+/g, " ").trim();
    if (text === "") { return { kind: 2, value: "" }; }
    var compact = text.replace(/,/g, "");
    if (NUMBER.test(compact)) { return { kind: 0, value: parseFloat(compact) }; }
    return { kind: 1, value: text };
  }
  function compareKeys(a, b, lang) {
    if (a.kind !== b.kind) { return a.kind - b.kind; }
    if (a.kind === 0) { return a.value - b.value; }
    if (a.kind === 1) { return a.value.localeCompare(b.value, lang || undefined, { numeric: true }); }
    return 0;
  }
  function sortTable(table, header, column) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var lang = document.documentElement.lang;
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: sortKey(row.cells[column]), index: index };
    });
    rows.sort(function (a, b) {
      // Empty keys stay last in both directions; ties keep their order.
      if (a.key.kind === 2 || b.key.kind === 2) {
        return (a.key.kind === 2) - (b.key.kind === 2) || a.index - b.index;
      }
      var order = compareKeys(a.key, b.key, lang);
      return (ascending ? order : -order) || a.index - b.index;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(header.parentNode.cells, function (other) {
      if (other !== header) { other.removeAttribute("aria-sort"); }
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function setUp(table) {
    if (!table.tHead || !table.tHead.rows.length) { return; }
    var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    Array.prototype.forEach.call(headerRow.cells, function (header, column) {
      if (header.classList.contains("no-sort")) { return; }
      header.tabIndex = 0;
      header.addEventListener("click", function () { sortTable(table, header, column); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortTable(table, header, column);
        }
      });
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
"""


def render_page(title: str, body_html: str, lang: str, *, extra_css: str = "") -> str:
    """Build a complete HTML5 document around `body_html`; `title` is plain text."""
    language_tag = html_language(lang)
    style = _CSS + (("\n" + extra_css) if extra_css else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language_tag}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body_html}\n"
        f"<script>{_SORT_SCRIPT}</script>\n"
        "</body>\n"
        "</html>\n"
    )
