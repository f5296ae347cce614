"""The class report and a feedback page, opened in headless Chromium as an instructor and a student would.

Playwright's Python package drives the system's Chromium (Debian's
``chromium`` package) through ``executable_path``; no browser is downloaded.
The test skips when Playwright or Chromium is missing, except under CI
(``CI`` set), where a missing browser is a failure.  Set $MATCALC_CHROMIUM
to use another Chromium binary.

Only the ``file://`` pages written into the test's temporary folder may load:
every other request is aborted and fails the test, and Chromium's own
background services are switched off and its host resolver returns "not
found" for every name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from autograder.report.classreport import mistake_title
from autograder.report.page import format_points

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "ps1_eigen_pca"
# chen_jiahao's notebook has diagnosed mistakes, lin_yuting's earns full marks
# and tsai_mingde's has a cell with a syntax error.
STUDENTS = ("chen_jiahao", "lin_yuting", "tsai_mingde")
STUDENT_WITH_MISTAKES = "chen_jiahao"
LANGUAGES = ("zh_TW", "en")
HTML_LANGUAGE_TAGS = {"zh_TW": "zh-Hant-TW", "en": "en"}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Switch off Chromium's own connections (updates, sync, safe browsing and
# the like), which Playwright's request routing does not see.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-pings",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def unavailable(reason: str) -> None:
    """Skip, or fail under CI, where the browser test must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs Chromium)")
    pytest.skip(reason)


def find_chromium() -> str:
    configured = os.environ.get("MATCALC_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    unavailable(f"no Chromium found: none of {', '.join(CHROMIUM_NAMES)} is on PATH and $MATCALC_CHROMIUM is not set (on Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def sync_api():
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[dev]')")
    return sync_api


@pytest.fixture(scope="module")
def browser(sync_api):
    executable = find_chromium()
    arguments = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox refuses to start as root.
        arguments.append("--no-sandbox")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=arguments, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, Path]:
    """Grade the sample students once per language with the CLI; map each language to its output folder."""
    folders = {}
    for lang in LANGUAGES:
        out = tmp_path_factory.mktemp(f"graded-{lang}")
        command = [sys.executable, "-m", "autograder", "grade", "--assignment", ASSIGNMENT, "--out", str(out), "--lang", lang, "--jobs", "2"]
        command += [str(EXAMPLES / "submitted" / name) for name in STUDENTS]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
        assert completed.returncode == 0, completed.stderr
        assert str(out / "report.html") in completed.stdout
        folders[lang] = out
    return folders


class PageWatch:
    """Open one generated page with every request outside `allowed` aborted and every console error kept."""

    def __init__(self, browser, allowed: Path):
        self.allowed_prefix = allowed.resolve().as_uri() + "/"
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught exception: {error}"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith((self.allowed_prefix, "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message) -> None:
        if message.type in ("error", "assert"):
            self.errors.append(f"console {message.type}: {message.text}")

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, graded):
    opened = []

    def start(folder: Path) -> PageWatch:
        page_watch = PageWatch(browser, folder)
        opened.append(page_watch)
        return page_watch

    yield start
    for page_watch in opened:
        page_watch.close()


def assert_only_local_requests(page_watch: PageWatch) -> None:
    assert page_watch.blocked == []
    others = [url for url in page_watch.requests if not url.startswith((page_watch.allowed_prefix, "data:"))]
    assert others == []


def column_keys(table, column: int) -> list[str]:
    """Return the sort key of `column` in every body row: data-sort-value, else the text."""
    return table.evaluate(
        """(table, column) => Array.from(table.tBodies[0].rows).map(row => {
            const cell = row.cells[column];
            return cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent.trim();
        })""",
        column,
    )


def assert_sorts_numerically(table, column: int) -> None:
    """Click the header of a numeric column twice: rows must come out ascending, then descending."""
    header = table.locator("thead th").nth(column)
    before = [float(key) for key in column_keys(table, column)]
    assert len(set(before)) > 1, "the column needs at least two different values to show sorting"
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = [float(key) for key in column_keys(table, column)]
    assert ascending == sorted(before)
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    descending = [float(key) for key in column_keys(table, column)]
    assert descending == sorted(before, reverse=True)


def read_result(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def first_mistake(result: dict) -> str:
    mistakes = [test["mistake"] for test in result["tests"] if test["mistake"]]
    assert mistakes, f"{result['submission']} should have a diagnosed mistake"
    return mistakes[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_class_report_in_browser(lang, graded, watch, tmp_path):
    folder = graded[lang]
    result = read_result(folder, STUDENT_WITH_MISTAKES)
    page_watch = watch(folder)
    page_watch.open(folder / "report.html")
    page = page_watch.page

    assert page.get_attribute("html", "lang") == HTML_LANGUAGE_TAGS[lang]
    students = page.locator("table.students")
    assert students.is_visible()
    row = students.locator("tbody tr", has_text=STUDENT_WITH_MISTAKES)
    assert f"{format_points(result['score'])} / {format_points(result['max_score'])}" in row.inner_text()
    assert page.locator("#summary .score").first.is_visible()

    title = mistake_title(first_mistake(result), ASSIGNMENT, lang)
    mistakes = page.locator("table.mistakes")
    assert title in mistakes.locator(".mistake-title").all_inner_texts()

    histogram = page.locator("#score-histogram")
    assert histogram.is_visible()
    assert histogram.evaluate("image => image.complete && image.naturalWidth") > 0
    assert histogram.get_attribute("alt")

    assert_sorts_numerically(students, 2)

    screenshot = tmp_path / f"report-{lang}.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0

    link = students.locator(f'a[href="feedback/{STUDENT_WITH_MISTAKES}.html"]')
    link.click()
    page.wait_for_load_state("load")
    assert page.url == (folder / "feedback" / f"{STUDENT_WITH_MISTAKES}.html").resolve().as_uri()

    assert page_watch.errors == []
    assert_only_local_requests(page_watch)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feedback_page_in_browser(lang, graded, watch, tmp_path):
    folder = graded[lang]
    result = read_result(folder, STUDENT_WITH_MISTAKES)
    page_watch = watch(folder)
    page_watch.open(folder / "feedback" / f"{STUDENT_WITH_MISTAKES}.html")
    page = page_watch.page

    assert page.get_attribute("html", "lang") == HTML_LANGUAGE_TAGS[lang]
    score = page.locator(".score").first
    assert score.is_visible()
    assert f"{format_points(result['score'])} / {format_points(result['max_score'])}" in score.inner_text()

    mistake = first_mistake(result)
    marked = page.locator(f'.mistake[data-mistake="{mistake}"]').first
    assert marked.is_visible()
    assert mistake_title(mistake, ASSIGNMENT, lang) in marked.inner_text()

    assert_sorts_numerically(page.locator("table.sortable").first, 1)

    screenshot = tmp_path / f"feedback-{lang}.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0

    assert page_watch.errors == []
    assert_only_local_requests(page_watch)
