"""Extract message ids, update the zh_TW .po catalogs and compile them (run by `make catalogs`).

Domains: ``autograder`` for the engine, and one per problem set for its
catalogue of mistakes and its hidden tests.  New messages arrive with an
empty translation; fill them in and run this again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "autograder"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("zh_TW",)


def domain_sources() -> dict[str, list[Path]]:
    """Map each translation domain to the files its message ids are extracted from."""
    engine = sorted([*PACKAGE.glob("*.py"), *(PACKAGE / "sandbox").glob("*.py"), *(PACKAGE / "exporters").glob("*.py"), *(PACKAGE / "gradescope").glob("*.py")])
    domains = {"autograder": engine}
    for catalogue in sorted((PACKAGE / "catalogue").glob("ps*.py")):
        assignment = catalogue.stem
        files = [catalogue]
        hidden = PACKAGE / "hidden" / f"test_{assignment}.py"
        if hidden.exists():
            files.append(hidden)
        domains[assignment] = files
    return domains


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True)


def main(argv: list[str]) -> int:
    """Process every domain, or only those named in `argv`."""
    for domain, files in domain_sources().items():
        if argv and domain not in argv:
            continue
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / f"{domain}.pot"
            pybabel("extract", "-k", "_", "-k", "N_", "--no-location", "--sort-output", "--no-wrap", "-o", str(template), *map(str, files))
            for language in LANGUAGES:
                catalog = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
                if catalog.exists():
                    pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap", "-D", domain, "-i", str(template), "-d", str(LOCALE), "-l", language)
                else:
                    pybabel("init", "--no-wrap", "-D", domain, "-i", str(template), "-d", str(LOCALE), "-l", language)
                pybabel("compile", "-D", domain, "-d", str(LOCALE), "-l", language)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
