"""Extract message ids, update the .po catalogs of every language and compile them (run by `make catalogs`).

Domains: ``autograder`` for the engine and its pages, and one per module in
``autograder/catalogue/`` (a problem set or a quiz) for its catalogue of
mistakes and its hidden tests.  Languages: ``zh_TW`` and ``en``.  New
messages arrive in zh_TW with an empty translation: fill them in and run this
again.  In ``en`` a new message gets its own id as translation, because the
ids are English; edit the msgstr where a better wording helps students.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "autograder"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("zh_TW", "en")
SOURCE_LANGUAGE = "en"
"""The language the message ids are written in."""
PROJECT = "matcalc-grading-kit"
ENGINE_FOLDERS = ("sandbox", "exporters", "gradescope", "report")
"""Subpackages whose messages belong to the ``autograder`` domain, besides the package's own modules."""


def catalogue_domains() -> list[str]:
    """Return the domain of every module in ``autograder/catalogue/``: its file stem."""
    return sorted(path.stem for path in (PACKAGE / "catalogue").glob("*.py") if not path.stem.startswith("_"))


def domain_sources() -> dict[str, list[Path]]:
    """Map each translation domain to the files its message ids are extracted from."""
    engine = sorted([*PACKAGE.glob("*.py"), *(path for folder in ENGINE_FOLDERS for path in (PACKAGE / folder).glob("*.py"))])
    domains = {"autograder": engine}
    for domain in catalogue_domains():
        files = [PACKAGE / "catalogue" / f"{domain}.py"]
        hidden = PACKAGE / "hidden" / f"test_{domain}.py"
        if hidden.exists():
            files.append(hidden)
        domains[domain] = files
    return domains


def version() -> str:
    """Return the kit's version from ``autograder/__init__.py`` without importing the package."""
    match = re.search(r'^__version__ = "([^"]+)"', (PACKAGE / "__init__.py").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else "0"


def catalog_path(language: str, domain: str, suffix: str = ".po") -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}{suffix}"


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True)


def fill_with_ids(path: Path) -> int:
    """Set every empty msgstr of the .po file at `path` to its msgid; return how many were filled.

    The file is rewritten only when something was filled, with the options
    ``pybabel update --no-wrap --ignore-obsolete`` uses, so the layout stays the same.
    """
    with open(path, "rb") as stream:
        catalog = read_po(stream)
    filled = 0
    for message in catalog:
        if not message.id or message.string:
            continue
        message.string = message.id
        filled += 1
    if filled:
        with open(path, "wb") as stream:
            write_po(stream, catalog, width=None, ignore_obsolete=True)
    return filled


def main(argv: list[str]) -> int:
    """Process every domain, or only those named in `argv`."""
    for domain, files in domain_sources().items():
        if argv and domain not in argv:
            continue
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / f"{domain}.pot"
            pybabel("extract", "-k", "_", "-k", "N_", "--no-location", "--sort-output", "--no-wrap", "--project", PROJECT, "--version", version(), "-o", str(template), *map(str, files))
            for language in LANGUAGES:
                catalog = catalog_path(language, domain)
                if catalog.exists():
                    pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap", "-D", domain, "-i", str(template), "-d", str(LOCALE), "-l", language)
                else:
                    pybabel("init", "--no-wrap", "-D", domain, "-i", str(template), "-d", str(LOCALE), "-l", language)
                if language == SOURCE_LANGUAGE:
                    fill_with_ids(catalog)
                pybabel("compile", "-D", domain, "-d", str(LOCALE), "-l", language)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
