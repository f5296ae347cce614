"""What `python -m autograder` prints for the instructor, in both languages."""

import shutil
import subprocess
import sys

import pytest

from conftest import RELEASE


def run(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_missing_path_error_in_each_language(tmp_path):
    missing = tmp_path / "nowhere"
    for lang, expected in (("zh_TW", "錯誤:找不到繳交檔的路徑:"), ("en", "error: submission path not found: ")):
        completed = run("grade", "-a", "quiz", "-o", tmp_path / "out", "--lang", lang, missing)
        assert completed.returncode == 2
        # The error comes alone, before anything is graded or the protections are listed.
        assert completed.stderr == f"{expected}{missing}\n"
        assert completed.stdout == ""


GRADE_OUTPUT = {
    "zh_TW": (["繳交", "分數", "狀態"], "結果:{out}/<name>.json,成績表:{out}/gradebook.csv", "sandbox 保護措施:獨立的 process; 資源限制(CPU、記憶體、檔案大小、開啟的檔案數)"),
    "en": (["submission", "score", "status"], "results: {out}/<name>.json, gradebook: {out}/gradebook.csv", "sandbox protections: separate process; resource limits (CPU, memory, file size, open files)"),
}


@pytest.mark.parametrize("lang", sorted(GRADE_OUTPUT))
def test_grade_output_in_language(lang, tmp_path):
    heading, paths_line, protections = GRADE_OUTPUT[lang]
    notebook = shutil.copy(RELEASE / "quiz" / "quiz.ipynb", tmp_path / "dana.ipynb")
    out = tmp_path / "out"
    completed = run("grade", "-a", "quiz", "-o", out, "--lang", lang, notebook)
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert lines[0].split() == heading
    assert lines[1].split() == ["dana", "0", "/", "10", "graded"]
    assert paths_line.format(out=out) in lines
    assert completed.stderr.startswith(protections)


def test_class_report_line_in_traditional_chinese(tmp_path):
    notebook = shutil.copy(RELEASE / "quiz" / "quiz.ipynb", tmp_path / "dana.ipynb")
    out = tmp_path / "out"
    completed = run("grade", "-a", "quiz", "-o", out, "-j", "1", notebook)
    assert completed.returncode == 0
    assert f"全班報告:{out / 'report.html'}(表格:{out / 'report.csv'})" in completed.stdout.splitlines()


def test_empty_folder_error_before_anything_else(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    completed = run("grade", "-a", "quiz", "-o", tmp_path / "out", "--lang", "en", empty)
    assert completed.returncode == 2
    assert completed.stderr == f"error: no .ipynb files found under {empty}\n"
    assert not (tmp_path / "out").exists()


def test_report_without_results_in_each_language(tmp_path):
    for lang, expected in (("zh_TW", f"錯誤:在 {tmp_path} 找不到結果檔;請先執行 `python -m autograder grade`\n"), ("en", f"error: no result files found in {tmp_path}; run `python -m autograder grade` first\n")):
        completed = run("report", "-o", tmp_path, "--lang", lang)
        assert completed.returncode == 2
        assert completed.stderr == expected
