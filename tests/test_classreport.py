"""The class report: statistics, CSV files and HTML page built from constructed results."""

from __future__ import annotations

import base64
import csv
import io
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from conftest import ROOT

from autograder import results as result_types
from autograder.cli import main
from autograder.report import classreport
from autograder.report.classreport import (
    build_class_report,
    load_results,
    read_timings,
    write_class_report,
)
from autograder.report.classreport_html import (
    histogram_counts,
    histogram_edges,
    render_report_html,
)
from autograder.results import CellRecord, SubmissionResult, write_json_atomic
from autograder.rubric import load_rubric

ASSIGNMENT = "ps1_eigen_pca"
RUBRIC = load_rubric(ASSIGNMENT)
MAX_SCORE = RUBRIC.max_score  # 27 points


def make_result(name: str, status: str = "graded", failures: dict | None = None, **extra) -> SubmissionResult:
    """Build a result of `name` in which every test passes except those in `failures`.

    `failures` maps a test name to ``(status, mistake_id_or_None, message)``.
    """
    failures = failures or {}
    tests = []
    for entry in RUBRIC.entries:
        if entry.test in failures:
            test_status, mistake, message = failures[entry.test]
            tests.append(result_types.TestResult(entry.test, entry.function, 0.0, entry.points, test_status, message, mistake, "values" if test_status == "failed" else None))
        else:
            tests.append(result_types.TestResult(entry.test, entry.function, entry.points, entry.points, "passed"))
    return SubmissionResult(assignment=ASSIGNMENT, submission=name, notebook=f"{name}.ipynb", status=status, tests=tests, language="en", **extra)


def all_tests(status: str, message: str) -> dict:
    return {entry.test: (status, None, message) for entry in RUBRIC.entries}


NOT_CENTRED = "covariance_matrix.not_centred"


def class_results() -> list[SubmissionResult]:
    """Five submissions: full marks, two with diagnosed mistakes, an invalid notebook and a grader error."""
    return [
        make_result("alice"),
        make_result(
            "bob",
            failures={
                "test_covariance_matrix_random_data": ("failed", NOT_CENTRED, "values differ"),
                "test_covariance_matrix_few_samples": ("failed", NOT_CENTRED, "values differ"),
                "test_pca_random_data": ("failed", "pca.not_centred", "values differ"),
            },
        ),
        make_result(
            "carol",
            failures={
                "test_covariance_matrix_random_data": ("failed", NOT_CENTRED, "values differ"),
                "test_pca_inputs_unchanged": ("failed", "common.modifies_input", "pca changed its input"),
                "test_power_iteration_symmetric": ("timeout", None, "power_iteration did not finish"),
                "test_power_iteration_nonsymmetric": ("timeout", None, "power_iteration did not finish"),
            },
            cells=[CellRecord(3, "ok"), CellRecord(7, "error", "ZeroDivisionError: division by zero")],
        ),
        make_result("dave", status="invalid_notebook", failures=all_tests("missing", "The file is empty."), messages=["The file is empty."]),
        make_result("erin", status="grader_error", failures=all_tests("grader_error", "The grader failed on this test.")),
    ]


def points(*tests: str) -> float:
    return sum(RUBRIC.entry(test).points for test in tests)


BOB_SCORE = MAX_SCORE - points("test_covariance_matrix_random_data", "test_covariance_matrix_few_samples", "test_pca_random_data")
CAROL_SCORE = MAX_SCORE - points("test_covariance_matrix_random_data", "test_pca_inputs_unchanged", "test_power_iteration_symmetric", "test_power_iteration_nonsymmetric")
SECONDS = {"alice": 1.0, "bob": 2.0, "carol": 6.0, "dave": 0.5}


@pytest.fixture
def report():
    return build_class_report(class_results(), SECONDS, "en")


def test_summary_counts_statuses(report):
    summary = report.summary
    assert summary.submissions == 5
    assert summary.graded == 3
    assert summary.invalid_notebooks == 1
    assert summary.grader_errors == 1
    assert summary.max_score == 27


def test_summary_leaves_out_grader_errors(report):
    summary = report.summary
    expected = [MAX_SCORE, BOB_SCORE, CAROL_SCORE, 0.0]
    assert sorted(summary.scores) == sorted(expected)
    assert summary.mean == pytest.approx(sum(expected) / 4)
    assert summary.median == pytest.approx((BOB_SCORE + CAROL_SCORE) / 2)
    assert summary.max == MAX_SCORE


def test_hidden_test_pass_rates(report):
    stats = {item.test: item for item in report.test_stats}
    assert [item.test for item in report.test_stats] == [entry.test for entry in RUBRIC.entries]
    random_data = stats["test_covariance_matrix_random_data"]
    assert (random_data.passed, random_data.counted) == (1, 4)
    assert random_data.pass_rate == pytest.approx(0.25)
    few_samples = stats["test_covariance_matrix_few_samples"]
    assert (few_samples.passed, few_samples.counted) == (2, 4)
    untouched = stats["test_eigh_descending_random_symmetric"]
    assert (untouched.passed, untouched.counted) == (3, 4)


def test_function_stats(report):
    stats = {item.function: item for item in report.function_stats}
    covariance = stats["covariance_matrix"]
    assert (covariance.full_marks, covariance.counted) == (1, 4)
    expected_total = RUBRIC.function_points("covariance_matrix") * 3 - points("test_covariance_matrix_random_data", "test_covariance_matrix_few_samples") - points("test_covariance_matrix_random_data")
    assert covariance.mean_score == pytest.approx(expected_total / 4)
    assert stats["eigh_descending"].pass_rate == pytest.approx(0.75)


def test_mistakes_counted_per_submission(report):
    first = report.mistakes[0]
    assert first.mistake_id == NOT_CENTRED
    assert first.submissions == ("bob", "carol")
    assert first.tests == 3
    assert first.function == "covariance_matrix"
    assert first.title == "Data not centred"
    others = {item.mistake_id: item for item in report.mistakes[1:]}
    assert set(others) == {"pca.not_centred", "common.modifies_input"}
    assert others["pca.not_centred"].submissions == ("bob",)
    assert others["common.modifies_input"].title == "Input array modified in place"


def test_mistake_titles_translated():
    report = build_class_report(class_results(), SECONDS, "zh_TW")
    titles = {item.mistake_id: item.title for item in report.mistakes}
    assert titles[NOT_CENTRED] == "資料沒有先做 centering"
    assert titles["common.modifies_input"] != "Input array modified in place"


def test_unknown_mistake_keeps_its_id():
    result = make_result("frank", failures={"test_pca_random_data": ("failed", "pca.no_such_mistake", "")})
    report = build_class_report([result], {}, "en")
    assert report.mistakes[0].title == "pca.no_such_mistake"


def test_problems_list(report):
    problems = {(problem.submission, problem.kind): problem for problem in report.problems}
    assert set(problems) == {("carol", "test_timeout"), ("carol", "cell_error"), ("dave", "invalid_notebook"), ("erin", "grader_error")}
    assert problems[("carol", "test_timeout")].where == "power_iteration"
    assert problems[("carol", "cell_error")].where == "8"
    assert "ZeroDivisionError" in problems[("carol", "cell_error")].detail
    assert problems[("dave", "invalid_notebook")].detail == "The file is empty."


def test_grading_seconds(report):
    assert report.grading_seconds == SECONDS
    assert report.median_seconds == pytest.approx(1.5)
    assert report.max_seconds == 6.0
    rows = {row.submission: row for row in report.students}
    assert rows["erin"].seconds is None


def test_results_of_two_assignments_rejected():
    other = make_result("zoe")
    other.assignment = "ps2_svd"
    with pytest.raises(ValueError, match="one problem set"):
        build_class_report([make_result("alice"), other], {}, "en")


def test_empty_class_needs_assignment():
    report = build_class_report([], {}, "en", assignment=ASSIGNMENT)
    assert report.summary.submissions == 0
    assert report.summary.mean is None
    assert "No scores to show." in render_report_html(report, {})


def test_histogram_edges_and_counts():
    edges = histogram_edges(27)
    assert edges[:3] == [0.0, 2.5, 5.0]
    assert edges[-2:] == [25.0, 27.0]
    counts = histogram_counts([0, 2.5, 26.9, 27], edges)
    assert counts[0] == 1
    assert counts[1] == 1
    assert counts[-1] == 2
    assert sum(counts) == 4
    assert histogram_edges(6) == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0]


def test_students_csv(report):
    rows = list(csv.DictReader(io.StringIO(classreport.students_csv(report))))
    assert [row["submission"] for row in rows] == ["alice", "bob", "carol", "dave", "erin"]
    assert list(rows[0]) == ["submission", "status", *RUBRIC.functions, "score", "max_score"]
    bob = rows[1]
    assert float(bob["score"]) == BOB_SCORE
    assert float(bob["max_score"]) == MAX_SCORE
    assert float(bob["covariance_matrix"]) == RUBRIC.function_points("covariance_matrix") - points("test_covariance_matrix_random_data", "test_covariance_matrix_few_samples")
    assert rows[3]["status"] == "invalid_notebook"
    assert float(rows[3]["score"]) == 0


def test_tests_csv(report):
    rows = {row["test"]: row for row in csv.DictReader(io.StringIO(classreport.tests_csv(report)))}
    assert len(rows) == len(RUBRIC.entries)
    row = rows["test_covariance_matrix_random_data"]
    assert row["function"] == "covariance_matrix"
    assert (row["passed"], row["counted"]) == ("1", "4")
    assert float(row["pass_rate"]) == 0.25


class StructureChecker(HTMLParser):
    """Check that every non-void element is closed in order, and collect the images."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.images: list[dict] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        if tag == "a":
            self.links.append(attributes.get("href", ""))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open, f"</{tag}> without an open element"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()


def parse_page(text: str) -> StructureChecker:
    checker = StructureChecker()
    checker.feed(text)
    checker.close()
    assert checker.open == []
    return checker


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_html_parses_and_embeds_png(report):
    page = render_report_html(report, {"alice": "feedback/alice.html"})
    checker = parse_page(page)
    histogram = [image for image in checker.images if image.get("id") == "score-histogram"]
    assert len(histogram) == 1
    source = histogram[0]["src"]
    assert source.startswith("data:image/png;base64,")
    width, height = png_size(base64.b64decode(source.split(",", 1)[1]))
    assert width > 100
    assert height > 100
    assert "Histogram of the scores of 4 submissions" in histogram[0]["alt"]
    assert "feedback/alice.html" in checker.links
    assert not any("bob" in link for link in checker.links)
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "the page must load nothing from the network"


def test_html_shows_numbers_and_mistakes(report):
    page = render_report_html(report, {})
    assert '<html lang="en">' in page
    assert "Data not centred" in page
    assert NOT_CENTRED in page
    assert f"{BOB_SCORE:g} / 27" in page
    assert "1 / 4 (25%)" in page
    assert "Function call timed out" in page
    assert 'class="sortable students"' in page


def test_html_in_traditional_chinese():
    report = build_class_report(class_results(), SECONDS, "zh_TW")
    page = render_report_html(report, {})
    assert '<html lang="zh-Hant-TW">' in page
    assert "資料沒有先做 centering" in page
    assert "Class report" not in page
    assert "Most common mistakes" not in page


def write_class_folder(folder: Path) -> None:
    for result in class_results():
        write_json_atomic(folder / f"{result.submission}.json", result.to_dict())
    (folder / "timings.csv").write_text("submission,status,grading_seconds\nalice,graded,1.000\nbob,graded,2.000\n", encoding="utf-8")
    (folder / "feedback").mkdir()
    (folder / "feedback" / "alice.html").write_text("<!DOCTYPE html><title>alice</title>", encoding="utf-8")


def test_write_class_report_files(tmp_path):
    write_class_folder(tmp_path)
    html_path, csv_path = write_class_report(tmp_path, ASSIGNMENT, "en")
    assert html_path == tmp_path / "report.html"
    assert csv_path == tmp_path / "report.csv"
    page = html_path.read_text(encoding="utf-8")
    assert 'href="feedback/alice.html"' in page
    assert 'href="feedback/bob.html"' not in page
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8", newline="")))
    assert len(rows) == 5
    assert (tmp_path / "report_tests.csv").read_text(encoding="utf-8").startswith("test,function,points,passed,counted,pass_rate\n")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_load_results_skips_other_files(tmp_path):
    write_class_folder(tmp_path)
    other = make_result("zoe")
    other.assignment = "ps2_svd"
    write_json_atomic(tmp_path / "zoe.json", other.to_dict())
    (tmp_path / "notes.json").write_text("[1, 2]", encoding="utf-8")
    names = [result.submission for result in load_results(tmp_path, ASSIGNMENT)]
    assert names == ["alice", "bob", "carol", "dave", "erin"]
    with pytest.raises(ValueError, match="several problem sets"):
        load_results(tmp_path)


def test_read_timings(tmp_path):
    path = tmp_path / "timings.csv"
    assert read_timings(path) == {}
    path.write_text("submission,status,grading_seconds\nalice,graded,1.250\nbob,graded,oops\n", encoding="utf-8")
    assert read_timings(path) == {"alice": 1.25}


def test_report_command_writes_pages(tmp_path, capsys):
    write_class_folder(tmp_path)
    assert main(["report", "--out", str(tmp_path), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert str(tmp_path / "report.html") in printed
    for name in ("alice", "bob", "carol", "dave", "erin"):
        assert (tmp_path / "feedback" / f"{name}.html").is_file()
        assert (tmp_path / "feedback" / f"{name}.md").is_file()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="feedback/bob.html"' in page


def test_report_command_without_results(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path), "--lang", "en"]) == 2
    assert "no result files" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "missing"), "--lang", "en"]) == 2
    assert "not found" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "missing"), "--lang", "zh_TW"]) == 2
    assert "找不到結果資料夾" in capsys.readouterr().err


REPORT_MODULES = [ROOT / "autograder" / "report" / "classreport.py", ROOT / "autograder" / "report" / "classreport_html.py"]


def test_report_messages_translated():
    with open(ROOT / "autograder" / "locale" / "zh_TW" / "LC_MESSAGES" / "autograder.po", "rb") as stream:
        catalog = read_po(stream)
    translated = {message.id for message in catalog if message.id and message.string}
    ids = set()
    for path in REPORT_MODULES:
        # Babel yields (line number, message, comments, context).
        for _lineno, message, _comments, _context in extract_from_file("python", path, keywords={"_": None, "N_": None}):
            if message:
                ids.add(message)
    assert len(ids) > 30
    assert sorted(ids - translated) == [], "add these to autograder.po and compile it"
