"""Student feedback pages: HTML and Markdown rendered from real grading results, and the shared page shell."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import EXAMPLES, RELEASE, ROOT, grade

from autograder.exporters import gradescope as exporter
from autograder.i18n import language
from autograder.report import page
from autograder.report.feedback import (
    feedback_file_stem,
    heading_anchor,
    markdown_escape,
    markdown_headings,
    mistake_title,
    notebook_sections,
    release_sections,
    render_feedback_html,
    render_feedback_markdown,
    write_feedback,
)
from autograder import results as kit_results
from autograder.results import SubmissionResult

ASSIGNMENT = "ps1_eigen_pca"
MISTAKE = "covariance_matrix.not_centred"
MISTAKE_TITLES = {"en": "Data not centred", "zh_TW": "資料沒有先做 centering"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def submitted(student: str, assignment: str = ASSIGNMENT) -> Path:
    return EXAMPLES / "submitted" / student / assignment / f"{assignment}.ipynb"


def grade_in(lang: str, student: str) -> SubmissionResult:
    with language(lang):
        return grade(submitted(student), ASSIGNMENT, submission=student)


@pytest.fixture(scope="module")
def chen() -> dict[str, SubmissionResult]:
    """chen_jiahao's ps1: covariance not centred, pca in ascending order, two failing sanity-check cells."""
    return {lang: grade_in(lang, "chen_jiahao") for lang in ("zh_TW", "en")}


@pytest.fixture(scope="module")
def tsai() -> SubmissionResult:
    """tsai_mingde's ps1: power_iteration is missing because its cell has a syntax error."""
    return grade_in("zh_TW", "tsai_mingde")


def failed_tests(result: SubmissionResult) -> list[kit_results.TestResult]:
    return [test for test in result.tests if test.status != "passed"]


def section_html(document: str, function: str) -> str:
    match = re.search(rf'<section id="function-{re.escape(function)}".*?</section>', document, re.S)
    assert match, f"no section for {function}"
    return match.group(0)


class TagBalance(HTMLParser):
    """Record unbalanced tags: end tags without a matching open tag, and tags left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> while open: {self.stack[-3:]}")
            return
        self.stack.pop()


def parse(document: str) -> TagBalance:
    parser = TagBalance()
    parser.feed(document)
    parser.close()
    return parser


def source_lines(path: Path) -> list[str]:
    """Return the distinctive lines of a source file: long enough not to occur by chance in prose."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if len(stripped) >= 24 and not stripped.startswith("#"):
            lines.append(stripped)
    return lines


# --- HTML from real results -----------------------------------------------------


@pytest.mark.parametrize("lang, score_text", [("zh_TW", "分數:19.5 / 27。"), ("en", "Score: 19.5 / 27.")])
def test_html_total_score(chen, lang, score_text):
    document = render_feedback_html(chen[lang])
    assert chen[lang].score == 19.5
    assert score_text in document


@pytest.mark.parametrize("lang, unit", [("zh_TW", "分"), ("en", "points")])
def test_html_function_scores(chen, lang, unit):
    result = chen[lang]
    document = render_feedback_html(result)
    for function, (score, maximum) in result.function_scores().items():
        expected = f"{page.format_points(score)} / {page.format_points(maximum)} {unit}"
        assert expected in section_html(document, function), function
    assert "0.5 / 3 " + unit in section_html(document, "covariance_matrix")


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_html_marks_diagnosed_mistake(chen, lang):
    document = render_feedback_html(chen[lang])
    title = MISTAKE_TITLES[lang]
    marked = re.findall(rf'<span class="mistake" data-mistake="{re.escape(MISTAKE)}"[^>]*>([^<]*)</span>', document)
    failing = [test for test in chen[lang].tests if test.mistake == MISTAKE]
    assert len(failing) == 3
    assert marked == [title] * len(failing)


def test_html_shows_mistake_title_once_per_message(chen):
    document = render_feedback_html(chen["en"])
    row = re.search(r"<tr><th scope=\"row\">random data</th>.*?</tr>", section_html(document, "covariance_matrix"), re.S)
    assert row
    assert row.group(0).count(MISTAKE_TITLES["en"]) == 1


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_html_shows_failed_test_messages(chen, lang):
    document = render_feedback_html(chen[lang])
    covariance = [test for test in failed_tests(chen[lang]) if test.function == "covariance_matrix"]
    first = covariance[0].message
    title = MISTAKE_TITLES[lang]
    before_title = first.split(title)[0]
    assert before_title
    assert page.escape(before_title) in document
    assert "47.055" in document


def test_html_shows_notebook_messages_and_failed_cells(chen):
    result = chen["en"]
    document = render_feedback_html(result)
    assert [cell.index + 1 for cell in result.cells if cell.status != "ok"] == [13, 17]
    for message in result.messages:
        assert page.escape(message) in document
    notebook = re.search(r'<section id="notebook">.*?</section>', document, re.S).group(0)
    assert 'data-sort-value="13"' in notebook
    assert 'data-sort-value="17"' in notebook
    assert "Cells that failed" in notebook


def test_html_missing_function(tsai):
    document = render_feedback_html(tsai)
    section = section_html(document, "power_iteration")
    assert 'data-status="missing"' in section
    assert "SyntaxError" in section
    # Every test of the function has the same message, so it is printed once.
    assert section.count("SyntaxError") == 1
    assert "訊息與上一個測試相同。" in section


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_html_hides_hidden_tests_and_solutions(chen, lang):
    document = unescape(render_feedback_html(chen[lang]))
    markdown = render_feedback_markdown(chen[lang])
    secret_sources = [ROOT / "autograder" / "hidden" / f"test_{ASSIGNMENT}.py", ROOT / "solutions" / f"{ASSIGNMENT}.py", ROOT / "autograder" / "catalogue" / f"{ASSIGNMENT}.py"]
    for path in secret_sources:
        lines = source_lines(path)
        assert len(lines) > 20, path
        for line in lines:
            assert line not in document, f"{path.name}: {line}"
            assert line not in markdown, f"{path.name}: {line}"


def test_html_links_to_release_headings(chen):
    result = chen["en"]
    document = render_feedback_html(result)
    headings = set()
    notebook = json.loads((RELEASE / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            headings.update(markdown_headings("".join(cell["source"])))
    jupyter_ids = {heading.replace(" ", "-") for heading in headings}
    links = re.findall(r'href="\./ps1_eigen_pca\.ipynb#([^"]+)"', document)
    functions = list(result.function_scores())
    assert len(links) == len(functions)
    for fragment in links:
        assert unquote(unescape(fragment)) in jupyter_ids
    assert 'href="./ps1_eigen_pca.ipynb#3.-Covariance-matrix"' in document
    assert "3. Covariance matrix" in section_html(document, "covariance_matrix")


@pytest.mark.parametrize("lang, tag", [("zh_TW", "zh-Hant-TW"), ("en", "en")])
def test_html_is_balanced_and_self_contained(chen, tsai, lang, tag):
    for result in (chen[lang], tsai):
        document = render_feedback_html(result)
        parser = parse(document)
        assert parser.errors == []
        assert parser.stack == []
        assert document.startswith("<!DOCTYPE html>")
        assert f'<html lang="{page.html_language(result.language)}">' in document
        assert '<meta charset="utf-8">' in document
        for element, name, value in parser.attributes:
            assert name != "src", element
            if name == "href":
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.I), value
        assert not re.search(r"https?://|@import|url\(", document)
    assert f'<html lang="{tag}">' in render_feedback_html(chen[lang])


def test_html_language_of_labels(chen):
    chinese = render_feedback_html(chen["zh_TW"])
    english = render_feedback_html(chen["en"])
    assert "各函式的分數" in chinese
    assert "Scores by function" not in chinese
    assert "Same message as the test above." not in chinese
    assert "Scores by function" in english
    assert '<table class="sortable overview">' in english
    assert 'data-status="failed"' in english
    assert "</span> Failed</span>" in english
    assert "</span> 未通過</span>" in chinese


# --- Markdown from real results -------------------------------------------------


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_markdown_content(chen, lang):
    result = chen[lang]
    text = render_feedback_markdown(result)
    score_line = {"zh_TW": "分數:19.5 / 27。", "en": "Score: 19.5 / 27."}[lang]
    assert score_line in text
    unit = {"zh_TW": "分", "en": "points"}[lang]
    for function, (score, maximum) in result.function_scores().items():
        assert f"`{function}`: {page.format_points(score)} / {page.format_points(maximum)} {unit}" in text
    assert text.count(f"**{markdown_escape(MISTAKE_TITLES[lang])}**") == 3
    assert "(<./ps1_eigen_pca.ipynb#3.-Covariance-matrix>)" in text
    assert "#### `covariance_matrix`" in text
    # Functions with full marks get no list of tests.
    assert "#### `eigh_descending`" not in text


def test_markdown_links_survive_a_sanitizing_renderer(chen):
    """Markdown renderers that drop links with a colon before the first "/" keep ours."""
    mistune = pytest.importorskip("mistune")
    rendered = mistune.html(render_feedback_markdown(chen["en"]))
    links = re.findall(r'<a href="([^"]*)"', rendered)
    assert len(links) == len(chen["en"].function_scores())
    assert all(link.startswith("./ps1_eigen_pca.ipynb#") for link in links), links
    assert "<strong>Data not centred</strong>" in rendered


def test_other_label_language_marks_mistake(chen):
    text = render_feedback_markdown(chen["zh_TW"], lang="en")
    assert "Score: 19.5 / 27." in text
    assert text.count(f"**{markdown_escape(MISTAKE_TITLES['zh_TW'])}**") == 3
    document = render_feedback_html(chen["zh_TW"], lang="en")
    assert '<html lang="en">' in document
    assert f">{MISTAKE_TITLES['zh_TW']}</span>" in document


def test_markdown_without_results(chen):
    result = chen["en"]
    text = render_feedback_markdown(result, show_results=False, results_note="Results appear later.")
    assert "Score" not in text
    assert "19.5" not in text
    assert "Results appear later." in text
    assert MISTAKE_TITLES["en"] not in text
    for test in failed_tests(result):
        assert markdown_escape(test.message)[:40] not in text
    assert markdown_escape(result.messages[0]) in text


def test_markdown_escapes_markup():
    escaped = markdown_escape("a*b_c [x](y) <b>|$x$ & #1\nnext line")
    assert escaped == r"a\*b\_c \[x\](y) \<b\>\|\$x\$ \& \#1 next line"


# --- Gradescope -----------------------------------------------------------------


def test_gradescope_output_respects_visibility(chen):
    result = chen["en"]
    hidden = exporter.export_result(result)
    exporter.validate_results(hidden)
    assert "Score" not in hidden["output"]
    assert MISTAKE_TITLES["en"] not in hidden["output"]
    assert "when your instructor publishes the grades" in hidden["output"]
    assert markdown_escape(result.messages[0]) in hidden["output"]
    visible = exporter.export_result(result, hidden_visibility="visible")
    exporter.validate_results(visible)
    assert "Score: 19.5 / 27." in visible["output"]
    assert f"**{MISTAKE_TITLES['en']}**" in visible["output"]
    assert visible["output_format"] == "md"


# --- constructed results ----------------------------------------------------------


def constructed(status: str = "graded", **changes) -> SubmissionResult:
    tests = [
        kit_results.TestResult("test_pca_random_data", "pca", 1.5, 1.5, "passed"),
        kit_results.TestResult("test_pca_inputs_unchanged", "pca", 0.0, 0.5, "failed", "pca changed its input argument 1 in place. Likely mistake: Input array modified in place. Work on a copy.", "common.modifies_input", "property"),
        kit_results.TestResult("test_covariance_matrix_integer_input", "covariance_matrix", 0.0, 0.5, "error", "covariance_matrix raised ValueError: <script>alert(1)</script>."),
    ]
    fields = dict(assignment=ASSIGNMENT, submission="alice", notebook="/uploads/alice (1).ipynb", status=status, tests=tests, language="en")
    fields.update(changes)
    return SubmissionResult(**fields)


def test_shared_mistake_title():
    with language("en"):
        assert mistake_title(ASSIGNMENT, "common.modifies_input") == "Input array modified in place"
        assert mistake_title(ASSIGNMENT, MISTAKE) == "Data not centred"
        assert mistake_title(ASSIGNMENT, "pca.no_such_mistake") is None


def test_constructed_result_escapes_student_text():
    document = render_feedback_html(constructed())
    assert "<script>alert" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert 'data-mistake="common.modifies_input"' in document
    assert parse(document).errors == []


def test_link_uses_student_file_name():
    document = render_feedback_html(constructed())
    assert 'href="./alice%20%281%29.ipynb#4.-PCA:covariance-matrix-%E7%9A%84-eigendecomposition"' in document


def test_unknown_mistake_is_labelled():
    result = constructed()
    result.tests[1].mistake = "pca.retired_mistake"
    document = render_feedback_html(result)
    assert 'data-mistake="pca.retired_mistake"' in document
    assert "<code>pca.retired_mistake</code>" in document
    assert "`pca.retired_mistake`" in render_feedback_markdown(result)


def test_no_release_notebook_gives_no_links(tmp_path):
    result = constructed()
    assert release_sections(ASSIGNMENT, tmp_path) == {}
    document = render_feedback_html(result, release_dir=tmp_path)
    assert ".ipynb#" not in document
    assert ".ipynb#" not in render_feedback_markdown(result, release_dir=tmp_path)
    assert parse(document).errors == []


def test_invalid_notebook_page():
    message = "The file is not valid JSON."
    tests = [kit_results.TestResult(test.name, test.function, 0.0, test.max_score, "missing", message) for test in constructed().tests]
    result = constructed("invalid_notebook", tests=tests, messages=[message])
    document = render_feedback_html(result)
    assert document.count(message) == 1
    assert "could not be read as a notebook" in document
    assert ".ipynb#" not in document
    text = render_feedback_markdown(result, show_results=False, results_note="later")
    assert "hidden tests" not in text
    assert message in text


def test_grader_error_page():
    tests = [kit_results.TestResult(test.name, test.function, 0.0, test.max_score, "grader_error", "The grader failed on this test.") for test in constructed().tests]
    document = render_feedback_html(constructed("grader_error", tests=tests))
    assert "Please contact your instructor" in document
    assert 'data-status="grader_error"' in document


def test_write_feedback_files(tmp_path):
    result = constructed(submission="bob/../x y")
    html_path, markdown_path = write_feedback(result, tmp_path / "feedback")
    assert html_path == tmp_path / "feedback" / "bob_.._x_y.html"
    assert markdown_path == tmp_path / "feedback" / "bob_.._x_y.md"
    assert html_path.read_text(encoding="utf-8") == render_feedback_html(result)
    assert markdown_path.read_text(encoding="utf-8") == render_feedback_markdown(result)
    assert sorted(path.name for path in (tmp_path / "feedback").iterdir()) == ["bob_.._x_y.html", "bob_.._x_y.md"]
    write_feedback(result, tmp_path / "feedback")
    assert len(list((tmp_path / "feedback").iterdir())) == 2


def test_feedback_file_stem():
    assert feedback_file_stem("chen_jiahao") == "chen_jiahao"
    assert feedback_file_stem("陳 家豪") == "陳_家豪"
    assert feedback_file_stem("../..") == "submission"


# --- notebook headings and anchors ------------------------------------------------


def test_heading_anchor_follows_jupyter():
    assert heading_anchor("3. Covariance matrix") == "3.-Covariance-matrix"
    assert unquote(heading_anchor("4. PCA:covariance matrix 的 eigendecomposition")) == "4.-PCA:covariance-matrix-的-eigendecomposition"


@pytest.mark.parametrize("source, expected", [
    ("## 2. Truncated SVD:最佳的 rank-$k$ approximation", ["2. Truncated SVD:最佳的 rank-$k$ approximation"]),
    ("# **Bold** and *em* and `code_x` and [link](https://example.invalid)", ["Bold and em and code_x and link"]),
    ("### snake_case_name ###", ["snake_case_name"]),
    ("Setext title\n============\ntext", ["Setext title"]),
    ("```\n# not a heading\n```\n## after fence", ["after fence"]),
    ("#no space is text", []),
    ("## A &amp; B \\*", ["A & B *"]),
])
def test_markdown_headings(source, expected):
    assert markdown_headings(source) == expected


def test_sections_of_every_release_notebook():
    for notebook_path in sorted(RELEASE.glob("*/*.ipynb")):
        assignment = notebook_path.parent.name
        sections = release_sections(assignment)
        from autograder.rubric import load_rubric

        try:
            functions = {entry.function for entry in load_rubric(assignment).entries}
        except (KeyError, FileNotFoundError):
            continue
        missing = sorted(functions - set(sections))
        assert missing == [], f"{assignment}: no heading found before {missing}"


def test_anchors_match_nbconvert():
    """nbconvert, installed with nbgrader, gives each heading the id our links point to."""
    markdown_mistune = pytest.importorskip("nbconvert.filters.markdown_mistune")
    cases = [
        "## 7. Markov chain 的 stationary distribution(PageRank 的核心)",
        "## 2. Truncated SVD:最佳的 rank-$k$ approximation",
        "### 圖:步長 $\\varepsilon$ 怎麼選?",
        "## **Bold** `code` and [link](x.md)",
        "### Newton's method & co",
    ]
    for path in sorted(RELEASE.glob("*/*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for section in notebook_sections(notebook).values():
            cases.append("## " + section.heading.replace("*", "\\*"))
    for source in cases:
        rendered = markdown_mistune.markdown2html_mistune(source)
        ids = re.findall(r'<h\d id="([^"]*)"', rendered)
        assert len(ids) == 1, rendered
        (heading,) = markdown_headings(source)
        assert heading_anchor(heading) == unescape(ids[0]), source


# --- page shell ---------------------------------------------------------------------


def test_render_page_shell():
    document = page.render_page("A <b> title", "<p>body</p>", "zh-TW")
    assert '<html lang="zh-Hant-TW">' in document
    assert "<title>A &lt;b&gt; title</title>" in document
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in document
    assert "@media print" in document
    assert 'querySelectorAll("table.sortable")' in document
    assert parse(document).errors == []
    assert page.html_language("en") == "en"
    with pytest.raises(ValueError):
        page.html_language("fr")


def test_table_html_cells():
    table = page.table_html(["Name", "Score"], [[page.Cell("<b>x</b>", header=True), page.Cell("3", sort_value=3.0, numeric=True)]], sortable=True, caption="A & B")
    assert '<table class="sortable">' in table
    assert "<caption>A &amp; B</caption>" in table
    assert '<th scope="row"><b>x</b></th>' in table
    assert '<td data-sort-value="3.0" class="num">3</td>' in table
    assert parse(table).errors == []


def test_format_points_and_badge():
    assert [page.format_points(value) for value in (3.0, 2.5, 0.25, -0.0, 1 / 3)] == ["3", "2.5", "0.25", "0", "0.3333"]
    badge = page.status_badge("Timed <out>", "timeout")
    assert 'class="badge badge-bad"' in badge
    assert "Timed &lt;out&gt;" in badge
    assert 'data-status="new_status"' in page.status_badge("x", "new_status")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_timed_out_cell_listed_once(lang):
    """A cell stopped at its time limit has one notebook message and no second line of its own."""
    from autograder.grader import _cell_messages
    from autograder.i18n import translator

    with language(lang):
        cell = kit_results.CellRecord(index=18, status="timeout", error=translator("autograder")("time limit reached"))
        result = SubmissionResult(assignment=ASSIGNMENT, submission="tsai", notebook="tsai.ipynb", status="graded", cells=[cell], language=lang)
        result.messages = _cell_messages(result)
        markdown = render_feedback_markdown(result, lang=lang)
        html = render_feedback_html(result, lang=lang)
    assert len(result.messages) == 1
    assert markdown.count("19") == 1
    assert result.messages[0] in unescape(html)
    assert translator("autograder")("time limit reached") not in markdown.replace(result.messages[0], "")
