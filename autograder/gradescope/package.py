"""Write the Gradescope autograder zip of one problem set.

The zip holds, at its top: ``setup.sh``, ``run_autograder``,
``requirements.txt``, ``gradescope.toml`` (the settings), and the kit itself
(``pyproject.toml``, ``README.md``, ``autograder/``, ``solutions/``) so that
``setup.sh`` can install it with pip.  Tests, examples and the source
notebooks stay out.  Entries are sorted and dated 1980-01-01, so the same kit
and settings always give the same bytes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

from autograder.gradescope import CONFIG_NAME, FILES_DIR
from autograder.gradescope.run import GradescopeConfig, write_config

# Top-level files of the kit that pip needs to build it (pyproject.toml names
# README.md as the package's readme).
KIT_FILES = ("pyproject.toml", "README.md")
KIT_PACKAGES = ("autograder", "solutions")
EXECUTABLES = ("setup.sh", "run_autograder")
# Build and tool caches; hidden files and folders (".ruff_cache", ".DS_Store") are skipped too.
SKIPPED_SUFFIXES = (".pyc", ".pyo")
SKIPPED_FOLDERS = frozenset(["__pycache__"])
# Zip's earliest representable time, used for every entry.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def kit_checkout() -> Path:
    """Return the kit's source checkout: the folder holding pyproject.toml next to the imported package."""
    import autograder

    checkout = Path(autograder.__file__).resolve().parents[1]
    missing = [name for name in (*KIT_FILES, *KIT_PACKAGES) if not (checkout / name).exists()]
    if missing:
        raise FileNotFoundError(f"the kit's source checkout was not found at {checkout} (missing {', '.join(missing)}); run gradescope-zip from a checkout installed with `pip install -e`")
    return checkout


def _package_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        hidden = any(part.startswith(".") for part in relative.parts)
        if hidden or SKIPPED_FOLDERS.intersection(relative.parts) or path.suffix in SKIPPED_SUFFIXES or not path.is_file():
            continue
        yield path


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
    archive.writestr(info, data)


def build_zip(config: GradescopeConfig, out: Path, checkout: Path | None = None) -> Path:
    """Write ``out/<assignment>-gradescope.zip`` for `config` and return its path."""
    checkout = checkout or kit_checkout()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{config.assignment}-gradescope.zip"
    entries: dict[str, tuple[bytes, bool]] = {}
    for name in EXECUTABLES:
        entries[name] = ((FILES_DIR / name).read_bytes(), True)
    entries["requirements.txt"] = ((FILES_DIR / "requirements.txt").read_bytes(), False)
    with tempfile.TemporaryDirectory() as folder:
        config_path = Path(folder) / CONFIG_NAME
        write_config(config_path, config)
        entries[CONFIG_NAME] = (config_path.read_bytes(), False)
    for name in KIT_FILES:
        entries[name] = ((checkout / name).read_bytes(), False)
    for package in KIT_PACKAGES:
        for path in _package_files(checkout / package):
            entries[path.relative_to(checkout).as_posix()] = (path.read_bytes(), False)

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=out)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name in sorted(entries):
                data, executable = entries[name]
                _add(archive, name, data, executable)
        shutil.move(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
