"""Gradescope route: build the autograder zip, and grade one submission inside Gradescope.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once
as root to build its image, and then, for every submission, runs
``/autograder/run_autograder`` as root with the student's files in
``/autograder/submission`` and expects ``/autograder/results/results.json``.

The files here are the zip's fixed parts: ``setup.sh``, ``run_autograder`` and
``requirements.txt`` (the exact versions of the run-time dependencies).
`autograder.gradescope.package` writes the zip and `autograder.gradescope.run`
is what ``run_autograder`` calls.
"""

from pathlib import Path

FILES_DIR = Path(__file__).resolve().parent

# Environment variables read by setup.sh, run_autograder and `run`, so tests
# can build and run the route in a temporary folder.
ROOT_ENV = "MATCALC_GRADESCOPE_ROOT"
VENV_ENV = "MATCALC_GRADESCOPE_VENV"
PYTHON_ENV = "MATCALC_GRADESCOPE_PYTHON"

DEFAULT_ROOT = Path("/autograder")
# The settings file at the top of the zip, so /autograder/source/gradescope.toml.
CONFIG_NAME = "gradescope.toml"
