"""Gradescope, CI and container routes: results.json format, the autograder zip, setup.sh, run_autograder."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder import results as kit_results_module
from autograder.exporters import gradescope as exporter
from autograder.gradescope import FILES_DIR
from autograder.gradescope.package import build_zip
from autograder.gradescope.run import GradescopeConfig
from autograder.i18n import language
from autograder.rubric import load_rubric

ASSIGNMENT = "ps1_eigen_pca"
FULL_MARKS = EXAMPLES / "submitted" / "wang_xiaoming" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
WITH_MISTAKES = EXAMPLES / "submitted" / "chen_jiahao" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
NOT_A_NOTEBOOK = ROOT / "tests" / "notebooks" / "truncated.ipynb"
REQUIREMENTS = FILES_DIR / "requirements.txt"
# Packages the grader or the sandboxed child imports at run time.
RUNTIME_IMPORTS = ("numpy", "scipy", "matplotlib", "nbformat", "ipython", "traitlets", "pytest", "jsonschema")
# Installed but never imported while grading.
NOT_NEEDED = ("nbgrader", "nbclient", "ipykernel")
SCHEMA = json.loads(exporter.SCHEMA_PATH.read_text(encoding="utf-8"))


def pins() -> dict[str, str]:
    """Map each canonical package name in requirements.txt to its pinned version."""
    pinned = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1, f"not an exact pin: {line}"
            assert specifiers[0].operator == "==", f"not an exact pin: {line}"
            pinned[canonicalize_name(requirement.name)] = specifiers[0].version
    return pinned


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    exporter.validate_results(data)


def clean_environment(**extra: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MATCALC_")}
    environment.update(extra)
    return environment


# --- requirements.txt ---------------------------------------------------------


def test_requirements_satisfy_pyproject_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = pins()
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name in NOT_NEEDED:
            assert name not in pinned, f"{name} is not needed to grade and should not be pinned"
            continue
        assert name in pinned, f"{name} is a dependency in pyproject.toml but has no pin"
        assert requirement.specifier.contains(pinned[name], prereleases=True), f"{name}=={pinned[name]} is outside pyproject.toml's {requirement.specifier}"


def test_requirements_pin_every_runtime_import():
    pinned = pins()
    missing = [name for name in RUNTIME_IMPORTS if canonicalize_name(name) not in pinned]
    assert missing == []


def test_grader_never_imports_unpinned_packages():
    sources = [*(ROOT / "autograder").rglob("*.py"), *(ROOT / "solutions").rglob("*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for name in NOT_NEEDED:
            assert not re.search(rf"^\s*(import|from)\s+{name}\b", text, re.M), f"{path} imports {name}, which requirements.txt leaves out"


def test_requirements_closed_under_dependencies():
    """Every requirement of a pinned package (for this Python) is pinned too, so pip installs nothing unpinned."""
    pinned = pins()
    unpinned = set()
    for name, version in pinned.items():
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"{name} is pinned but not installed in this environment")
        assert distribution.version == version, f"{name}: pinned {version}, installed {distribution.version}; update requirements.txt"
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in pinned:
                unpinned.add(f"{requirement.name} (required by {name})")
    assert sorted(unpinned) == []


# --- exporter -----------------------------------------------------------------


def sample_result(status: str = "graded") -> kit_results_module.SubmissionResult:
    tests = [
        kit_results_module.TestResult(name="test_pca_random_data", function="pca", score=2.0, max_score=2.0, status="passed"),
        kit_results_module.TestResult(name="test_pca_k_edges", function="pca", score=0.0, max_score=1.0, status="failed", message="pca returned the wrong components. Likely mistake: Data not centred.", mistake="pca.not_centred", stage="values"),
        kit_results_module.TestResult(name="test_covariance_matrix_integer_input", function="covariance_matrix", score=0.0, max_score=0.5, status="not_implemented", message="covariance_matrix is not implemented yet."),
    ]
    return kit_results_module.SubmissionResult(assignment=ASSIGNMENT, submission="alice", notebook="alice.ipynb", status=status, tests=tests, messages=["Cell 3 raised an error: NameError"])


def test_export_graded_result():
    data = exporter.export_result(sample_result(), execution_seconds=12.4)
    validate(data)
    assert data["score"] == 2.0
    assert data["execution_time"] == 12
    assert data["output_format"] == "md"
    notebook, *hidden = data["tests"]
    assert notebook["visibility"] == "visible"
    assert "NameError" in notebook["output"]
    assert "score" not in notebook
    assert [entry["name"] for entry in hidden] == ["pca: random data", "pca: k edges", "covariance_matrix: integer input"]
    assert [entry["status"] for entry in hidden] == ["passed", "failed", "failed"]
    assert {entry["visibility"] for entry in hidden} == {"after_published"}
    assert hidden[1]["output"].endswith("Likely mistake: Data not centred.")
    assert hidden[1]["extra_data"]["mistake"] == "pca.not_centred"
    assert "Score" not in data["output"]


def test_export_visible_results_show_score():
    data = exporter.export_result(sample_result(), hidden_visibility="visible")
    validate(data)
    assert "Score: 2 / 3.5." in data["output"]


def test_export_rejects_hidden_visibility():
    with pytest.raises(ValueError, match="hidden-test visibility"):
        exporter.export_result(sample_result(), hidden_visibility="hidden")


def test_export_grader_error_adds_fault_entries():
    data = exporter.export_result(sample_result("grader_error"), staff_log="ERROR autograder.testrun: Traceback ... RuntimeError")
    validate(data)
    notice, staff = data["tests"][-2:]
    assert notice["visibility"] == "visible"
    assert "contact your instructor" in notice["output"]
    assert staff["visibility"] == "hidden"
    assert "RuntimeError" in staff["output"]


def test_export_crash_in_traditional_chinese():
    with language("zh_TW"):
        data = exporter.export_crash("Traceback (most recent call last):\nKeyError: 'x'", assignment=ASSIGNMENT)
    validate(data)
    assert data["score"] == 0
    notice, staff = data["tests"]
    assert notice["visibility"] == "visible"
    assert "請聯絡授課老師" in notice["output"]
    assert staff["visibility"] == "hidden"
    assert "KeyError" in staff["output"]


def test_export_crash_keeps_end_of_long_traceback():
    data = exporter.export_crash("x" * 50_000 + "KeyError: 'last line'")
    staff = data["tests"][1]["output"]
    assert len(staff) <= exporter.MAX_STAFF_TEXT + 1
    assert staff.endswith("KeyError: 'last line'")


@pytest.mark.parametrize("broken", [
    {"tests": [{"name": "no score anywhere"}]},
    {"score": 1, "tests": [{"score": 1, "status": "ok"}]},
    {"score": 1, "tests": [{"score": 1, "visibility": "later"}]},
    {"score": 1, "output_format": "markdown"},
    {"score": 1, "unknown_key": True},
    {"score": "1"},
])
def test_schema_rejects_invalid_results(broken):
    with pytest.raises(jsonschema.ValidationError):
        exporter.validate_results(broken)


# --- the zip ------------------------------------------------------------------


def test_zip_contents(tmp_path):
    path = build_zip(GradescopeConfig(assignment=ASSIGNMENT), tmp_path)
    assert path == tmp_path / f"{ASSIGNMENT}-gradescope.zip"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        config = tomllib.loads(archive.read("gradescope.toml").decode("utf-8"))
        requirements = archive.read("requirements.txt")
    for name in ("setup.sh", "run_autograder", "requirements.txt", "gradescope.toml", "pyproject.toml", "README.md", "autograder/grader.py", "autograder/rubric/ps1_eigen_pca.toml", "autograder/hidden/test_ps1_eigen_pca.py", "autograder/locale/zh_TW/LC_MESSAGES/autograder.mo", "solutions/ps1_eigen_pca.py"):
        assert name in names, name
    assert modes["setup.sh"] & 0o111
    assert modes["run_autograder"] & 0o111
    assert requirements == REQUIREMENTS.read_bytes()
    assert config["assignment"] == ASSIGNMENT
    assert config["language"] == "zh_TW"
    assert config["hidden_test_visibility"] == "after_published"
    for name in names:
        top = name.split("/", 1)[0]
        assert top not in ("tests", "examples", "source", "release", "docs", "ci"), name
        assert "__pycache__" not in name, name
        assert not name.endswith(".pyc"), name
        assert not any(part.startswith(".") for part in name.split("/")), name


def test_zip_is_reproducible(tmp_path):
    config = GradescopeConfig(assignment="ps3_ols", language="en", hidden_test_visibility="visible")
    first = build_zip(config, tmp_path / "first").read_bytes()
    second = build_zip(config, tmp_path / "second").read_bytes()
    assert first == second


def test_zip_command_line(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "autograder", "gradescope-zip", "-a", "ps2_svd", "--out", str(tmp_path), "--lang", "en", "--visibility", "after_due_date"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    with zipfile.ZipFile(tmp_path / "ps2_svd-gradescope.zip") as archive:
        config = tomllib.loads(archive.read("gradescope.toml").decode("utf-8"))
    assert config == {"assignment": "ps2_svd", "language": "en", "hidden_test_visibility": "after_due_date", "cell_timeout_seconds": 30, "call_timeout_seconds": 10, "memory_mb": 3072}


# --- run_autograder with this environment's Python ----------------------------


def make_root(base: Path, zip_path: Path, submission: dict[str, Path | bytes]) -> Path:
    """Lay out Gradescope's folder: the unpacked zip, run_autograder, and the submitted files."""
    root = base / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root / "source")
    for name in ("setup.sh", "run_autograder"):
        (root / "source" / name).chmod(0o755)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    set_submission(root, submission)
    return root


def set_submission(root: Path, files: dict[str, Path | bytes]) -> None:
    folder = root / "submission"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_bytes(content)


def run_autograder(root: Path, venv: Path, **environment: str) -> tuple[subprocess.CompletedProcess, dict]:
    env = clean_environment(MATCALC_GRADESCOPE_ROOT=str(root), MATCALC_GRADESCOPE_VENV=str(venv), **environment)
    completed = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    validate(data)
    return completed, data


@pytest.fixture(scope="module")
def zip_path(tmp_path_factory) -> Path:
    return build_zip(GradescopeConfig(assignment=ASSIGNMENT), tmp_path_factory.mktemp("zip"))


THIS_VENV = Path(sys.prefix)


def test_run_without_notebook(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {"answers.py": b"print(1)\n", "notes/readme.txt": b"hi"})
    completed, data = run_autograder(root, THIS_VENV)
    assert completed.returncode == 0, completed.stderr
    assert data["score"] == 0
    notebook = data["tests"][0]
    assert notebook["visibility"] == "visible"
    assert "answers.py" in notebook["output"]
    assert "notes/readme.txt" in notebook["output"]
    assert ".ipynb" in notebook["output"]


def test_run_empty_submission(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {})
    completed, data = run_autograder(root, THIS_VENV, MATCALC_LANG="en")
    assert completed.returncode == 0, completed.stderr
    assert data["score"] == 0
    assert "Your submission is empty" in data["tests"][0]["output"]


def test_run_several_notebooks(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {"a.ipynb": FULL_MARKS, "draft/b.ipynb": FULL_MARKS, ".ipynb_checkpoints/a-checkpoint.ipynb": FULL_MARKS})
    completed, data = run_autograder(root, THIS_VENV, MATCALC_LANG="en")
    assert completed.returncode == 0, completed.stderr
    assert data["score"] == 0
    message = data["tests"][0]["output"]
    assert "2 notebooks (a.ipynb, draft/b.ipynb)" in message
    rubric = load_rubric(ASSIGNMENT)
    assert [entry["max_score"] for entry in data["tests"][1:]] == [entry.points for entry in rubric.entries]


def test_run_any_file_name(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {"作業1 王小明 (最終版).ipynb": FULL_MARKS})
    completed, data = run_autograder(root, THIS_VENV)
    assert completed.returncode == 0, completed.stderr
    assert data["score"] == load_rubric(ASSIGNMENT).max_score
    assert "老師公布成績後" in data["output"]


def test_run_broken_config_writes_crash_file(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {"a.ipynb": FULL_MARKS})
    config = root / "source" / "gradescope.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(f'assignment = "{ASSIGNMENT}"', 'assignment = "ps9_missing"'), encoding="utf-8")
    completed, data = run_autograder(root, THIS_VENV)
    assert completed.returncode == 0, completed.stderr
    assert data["score"] == 0
    notice, staff = data["tests"]
    assert notice["visibility"] == "visible"
    assert "請聯絡授課老師" in notice["output"]
    assert staff["visibility"] == "hidden"
    assert "ps9_missing" in staff["output"]
    assert "Traceback" in staff["output"]


def test_run_autograder_without_python_writes_fallback(tmp_path, zip_path):
    root = make_root(tmp_path, zip_path, {"a.ipynb": FULL_MARKS})
    completed, data = run_autograder(root, tmp_path / "no-such-venv")
    assert completed.returncode == 1
    assert data["score"] == 0
    assert "contact your instructor" in data["tests"][0]["output"]


# --- container-grade ----------------------------------------------------------


def container_grade(tmp_path: Path, submission: Path, *args: str, **environment: str) -> tuple[subprocess.CompletedProcess, Path]:
    result = tmp_path / "results" / "result.json"
    env = clean_environment(MATCALC_SUBMISSION=str(submission), MATCALC_RESULT=str(result), **environment)
    completed = subprocess.run([sys.executable, "-m", "autograder", "container-grade", *args], env=env, capture_output=True, text=True, timeout=600)
    return completed, result


def test_container_grade_matches_grade_command(tmp_path):
    completed, result = container_grade(tmp_path, WITH_MISTAKES, MATCALC_ASSIGNMENT=ASSIGNMENT, MATCALC_LANG="en")
    assert completed.returncode == 0, completed.stderr
    container = json.loads(result.read_text(encoding="utf-8"))
    expected = kit_results(tmp_path / "kit", [WITH_MISTAKES])[WITH_MISTAKES]
    assert container["status"] == expected["status"] == "graded"
    assert container["score"] == expected["score"] == 19.5
    assert [test["score"] for test in container["tests"]] == [test["score"] for test in expected["tests"]]


def test_container_grade_missing_notebook(tmp_path):
    completed, result = container_grade(tmp_path, tmp_path / "absent.ipynb", "--assignment", ASSIGNMENT, "--lang", "en")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["status"] == "invalid_notebook"
    assert data["score"] == 0
    assert "could not be read" in data["messages"][0]


def test_container_grade_without_assignment(tmp_path):
    completed, result = container_grade(tmp_path, FULL_MARKS)
    assert completed.returncode == 4
    assert "MATCALC_ASSIGNMENT" in completed.stderr
    assert not result.exists()


# --- the kit's own grade command, for comparison -----------------------------


def kit_results(out: Path, notebooks: list[Path]) -> dict[Path, dict]:
    """Grade `notebooks` with `python -m autograder grade` and return each one's result file."""
    folder = out / "in"
    folder.mkdir(parents=True)
    names = {}
    for index, notebook in enumerate(notebooks):
        copy = folder / f"n{index}.ipynb"
        shutil.copy(notebook, copy)
        names[notebook] = copy.stem
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", "-a", ASSIGNMENT, "-o", str(out / "out"), "-q", "--lang", "en", str(folder)], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    return {notebook: json.loads((out / "out" / f"{name}.json").read_text(encoding="utf-8")) for notebook, name in names.items()}


# --- CI templates -------------------------------------------------------------


def workflow_steps(path: Path) -> list[dict]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return job["steps"]


def run_steps(path: Path, cwd: Path, environment: dict[str, str], skip: tuple[str, ...] = ("install",)) -> list[subprocess.CompletedProcess]:
    """Run the `run:` steps of a workflow with bash, as GitHub's runner does, except the install steps."""
    completed = []
    for step in workflow_steps(path):
        if "run" not in step or step.get("id") in skip:
            continue
        process = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=cwd, env=environment, capture_output=True, text=True, timeout=900)
        completed.append(process)
        if process.returncode != 0:
            break
    return completed


def workflow_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    # This environment's Python replaces the one actions/setup-python installs.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return clean_environment(PATH=path, GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"), **extra)


def test_ci_install_steps_use_pinned_versions():
    pinned = pins()
    for name in ("student-checks.yml", "instructor-grading.yml"):
        for step in workflow_steps(ROOT / "ci" / name):
            if step.get("id") != "install":
                continue
            for package, version in re.findall(r"([A-Za-z0-9_.-]+)==([0-9][^\s\\]*)", step["run"]):
                key = canonicalize_name(package)
                expected = pinned.get(key) or importlib.metadata.version(key)
                assert version == expected, f"{name}: {package}=={version}, but the grader uses {expected}"


def test_instructor_workflow_grades_and_summarises(tmp_path):
    repository = tmp_path / "repository"
    for student, notebook in (("alice", FULL_MARKS), ("bob", WITH_MISTAKES)):
        target = repository / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        target.parent.mkdir(parents=True)
        shutil.copy(notebook, target)
    environment = workflow_environment(tmp_path, ASSIGNMENT=ASSIGNMENT, SUBMISSIONS="submitted", MATCALC_LANG="en")
    completed = run_steps(ROOT / "ci" / "instructor-grading.yml", repository, environment)
    assert [process.returncode for process in completed] == [0, 0], [process.stderr[-2000:] for process in completed]
    out = repository / "out" / ASSIGNMENT
    assert json.loads((out / "alice.json").read_text(encoding="utf-8"))["score"] == load_rubric(ASSIGNMENT).max_score
    assert json.loads((out / "bob.json").read_text(encoding="utf-8"))["score"] == 19.5
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert f"# Gradebook: {ASSIGNMENT}" in summary
    assert "| alice | ps1_eigen_pca | graded | 27 | 27 |" in summary
    assert "2 submissions: 2 graded" in summary


@pytest.mark.slow
def test_student_workflow_reports_sanity_checks(tmp_path):
    repository = tmp_path / "repository"
    repository.mkdir()
    shutil.copy(WITH_MISTAKES, repository / f"{ASSIGNMENT}.ipynb")
    completed = run_steps(ROOT / "ci" / "student-checks.yml", repository, workflow_environment(tmp_path))
    assert len(completed) == 1
    assert completed[0].returncode == 1, completed[0].stderr[-2000:]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| `eigh_descending` | ✅ OK |" in summary
    assert "| `covariance_matrix` | ❌ 失敗 | AssertionError:" in summary


@pytest.mark.slow
def test_student_workflow_passes_full_marks(tmp_path):
    repository = tmp_path / "repository"
    (repository / "ps1").mkdir(parents=True)
    shutil.copy(FULL_MARKS, repository / "ps1" / f"{ASSIGNMENT}.ipynb")
    completed = run_steps(ROOT / "ci" / "student-checks.yml", repository, workflow_environment(tmp_path))
    assert completed[0].returncode == 0, completed[0].stdout[-2000:] + completed[0].stderr[-2000:]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "❌" not in summary
    assert summary.count("✅ OK") == 7


# --- setup.sh and run_autograder in a fresh virtual environment ---------------


@pytest.fixture(scope="module")
def installed_root(zip_path):
    """Gradescope's folder after setup.sh installed the pinned requirements and the kit into a new venv.

    The folder is made under /tmp with permissions open to other users, as
    Gradescope's are, so the sandbox can run the venv's Python under its own
    unprivileged user id when the tests run as root.
    """
    base = Path(tempfile.mkdtemp(prefix="matcalc-gradescope-"))
    base.chmod(0o755)
    try:
        root = make_root(base, zip_path, {})
        root.chmod(0o755)
        venv = base / "venv"
        python = os.path.realpath(sys.executable)
        env = clean_environment(MATCALC_GRADESCOPE_ROOT=str(root), MATCALC_GRADESCOPE_VENV=str(venv), MATCALC_GRADESCOPE_PYTHON=python)
        completed = subprocess.run(["bash", str(root / "source" / "setup.sh")], cwd=root / "source", env=env, capture_output=True, text=True, timeout=1500)
        assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
        yield root, venv
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_setup_installs_exact_pins(installed_root):
    _root, venv = installed_root
    completed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True, timeout=120)
    installed = {canonicalize_name(item["name"]): item["version"] for item in json.loads(completed.stdout)}
    for name, version in pins().items():
        assert installed.get(name) == version, name
    for name in NOT_NEEDED:
        assert name not in installed, name
    assert installed["matcalc-grading-kit"] == importlib.metadata.version("matcalc-grading-kit")


@pytest.mark.slow
def test_setup_hides_solutions_from_other_users(installed_root):
    root, venv = installed_root
    site = next((venv / "lib").glob("python3*/site-packages"))
    for folder in (site / "solutions", site / "autograder", root / "source"):
        assert folder.stat().st_mode & 0o077 == 0, folder


@pytest.mark.slow
def test_gradescope_scores_match_grade_command(installed_root, tmp_path):
    root, venv = installed_root
    expected = kit_results(tmp_path, [FULL_MARKS, WITH_MISTAKES, NOT_A_NOTEBOOK])
    rubric = load_rubric(ASSIGNMENT)
    for notebook, name in ((FULL_MARKS, "submission.ipynb"), (WITH_MISTAKES, "ps1_eigen_pca (1).ipynb"), (NOT_A_NOTEBOOK, "ps1_eigen_pca.ipynb")):
        set_submission(root, {name: notebook})
        completed, data = run_autograder(root, venv)
        assert completed.returncode == 0, completed.stderr[-3000:]
        kit = expected[notebook]
        assert data["score"] == kit["score"], notebook
        assert data["extra_data"]["status"] == kit["status"], notebook
        hidden = [entry for entry in data["tests"] if "max_score" in entry]
        assert [entry["max_score"] for entry in hidden] == [entry.points for entry in rubric.entries]
        assert [entry["score"] for entry in hidden] == [test["score"] for test in kit["tests"]]
        assert {entry["visibility"] for entry in hidden} == {"after_published"}
        if os.geteuid() == 0 and kit["status"] == "graded":
            assert any(item.startswith("unprivileged user id") for item in data["extra_data"]["protections"]), data["extra_data"]["protections"]
    assert expected[FULL_MARKS]["score"] == rubric.max_score
    assert expected[WITH_MISTAKES]["score"] == 19.5
    assert expected[NOT_A_NOTEBOOK]["status"] == "invalid_notebook"
    notebook_entry = data["tests"][0]
    assert notebook_entry["visibility"] == "visible"
    assert "Jupyter notebook" in notebook_entry["output"]


@pytest.mark.slow
def test_gradescope_grader_fault_reports_to_staff(installed_root):
    """A hidden-test module that fails to load gives grader_error, a visible notice and the log for staff."""
    root, venv = installed_root
    hidden_tests = next((venv / "lib").glob(f"python3*/site-packages/autograder/hidden/test_{ASSIGNMENT}.py"))
    original = hidden_tests.read_bytes()
    hidden_tests.write_bytes(b"raise RuntimeError('simulated fault in the hidden tests')\n" + original)
    try:
        set_submission(root, {"submission.ipynb": FULL_MARKS})
        completed, data = run_autograder(root, venv)
    finally:
        hidden_tests.write_bytes(original)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert data["extra_data"]["status"] == "grader_error"
    notice, staff = data["tests"][-2:]
    assert notice["visibility"] == "visible"
    assert "請聯絡授課老師" in notice["output"]
    assert staff["visibility"] == "hidden"
    assert "could not run the hidden tests of ps1_eigen_pca" in staff["output"]
    assert "請聯絡授課老師" in data["output"]


def test_package_data_lists_every_data_file():
    """A non-editable install (Gradescope, the container, CI) gets every file the grader reads."""
    import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["autograder"]
    package = ROOT / "autograder"
    data_files = []
    for path in package.rglob("*"):
        relative = path.relative_to(package)
        tool_cache = "__pycache__" in relative.parts or any(part.startswith(".") for part in relative.parts)
        if path.is_file() and path.suffix != ".py" and not tool_cache:
            data_files.append(relative.as_posix())
    unlisted = [name for name in data_files if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)]
    assert unlisted == []
