#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# It installs the pinned run-time dependencies and the kit into a virtual
# environment that run_autograder uses for every submission.
#
# Environment (all optional; the defaults are Gradescope's layout):
#   MATCALC_GRADESCOPE_ROOT    Gradescope's folder (default /autograder)
#   MATCALC_GRADESCOPE_VENV    virtual environment to create (default /opt/matcalc-venv)
#   MATCALC_GRADESCOPE_PYTHON  Python 3.11+ to build it with (default: the newest
#                              python3.13, python3.12, python3.11 or python3 found)
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${MATCALC_GRADESCOPE_ROOT:-/autograder}"
VENV="${MATCALC_GRADESCOPE_VENV:-/opt/matcalc-venv}"

find_python() {
    if [ -n "${MATCALC_GRADESCOPE_PYTHON:-}" ]; then
        echo "$MATCALC_GRADESCOPE_PYTHON"
        return 0
    fi
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" > /dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# Ubuntu 22.04 (Gradescope's default base image) ships Python 3.10; its
# python3.11 package is in the universe component.  Ubuntu 24.04 ships 3.12.
# NOTE: the apt fallback has not been run on a Gradescope image.
if ! PYTHON="$(find_python)"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "setup.sh: no Python 3.11 or newer found; installing python3.11 with apt-get"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3.11 python3.11-venv
    fi
    PYTHON="$(find_python)" || { echo "setup.sh: error: Python 3.11 or newer is required; choose an Ubuntu 24.04 base image or set MATCALC_GRADESCOPE_PYTHON" >&2; exit 1; }
fi
echo "setup.sh: building $VENV with $PYTHON ($("$PYTHON" --version))"

if ! "$PYTHON" -m venv --help > /dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    # Debian and Ubuntu split the venv module into python3.X-venv.
    version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "python${version}-venv"
fi
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --no-input --disable-pip-version-check --requirement "$SOURCE/requirements.txt"
# The dependencies are all pinned above; nbgrader and the Jupyter packages
# that pyproject.toml also lists are not needed to grade.
"$VENV/bin/python" -m pip install --no-input --disable-pip-version-check --no-deps "$SOURCE"

# Fail the image build now, not at the first submission, if the kit cannot load.
"$VENV/bin/python" -I -c 'import autograder.grader, autograder.gradescope.run, autograder.exporters.gradescope'

# Sandboxed student code runs under an unprivileged user id.  Where the
# container forbids mount namespaces, file permissions are what keep that
# user away from the reference solutions, the hidden tests and this zip's
# contents, so they become readable by root only.  The rest of the virtual
# environment stays readable, because the student's code runs its Python.
installed="$("$VENV/bin/python" -I -c 'import autograder, solutions, os; print(os.path.dirname(autograder.__file__)); print(os.path.dirname(solutions.__file__))')"
while IFS= read -r folder; do
    chmod -R go-rwx "$folder"
done <<< "$installed"
chmod -R go-rwx "$SOURCE"
chmod o+rx "$VENV"
echo "setup.sh: done; run_autograder grades with $VENV/bin/python"
