# Grader image for services that start one container per submission.
#
#   docker build -t matcalc-grader .
#   docker run --rm --network none -e MATCALC_ASSIGNMENT=ps1_eigen_pca \
#       -v "$PWD/alice.ipynb:/submission/submission.ipynb:ro" \
#       -v "$PWD/results:/results" matcalc-grader
#
# The container grades /submission/submission.ipynb and writes the kit's
# result JSON to /results/result.json.  It exits 0 when the notebook was
# graded (or is not a notebook), 3 when the grader failed (the result file
# says grader_error) and 4 when no result file could be written.
#
# The grader runs as root inside the container so that it can run the
# student's code under an unprivileged user id of its own.  Mount and network
# namespaces, which also hide the grader's files from that code, need
# `--cap-add SYS_ADMIN`; without it, file permissions set below keep the
# solutions and hidden tests unreadable by that user.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MATCALC_LANG=zh_TW \
    MATCALC_SUBMISSION=/submission/submission.ipynb \
    MATCALC_RESULT=/results/result.json

WORKDIR /opt/matcalc-kit
COPY autograder/gradescope/requirements.txt ./requirements.txt
RUN pip install --no-input --requirement requirements.txt

COPY pyproject.toml README.md ./
COPY autograder ./autograder
COPY solutions ./solutions
RUN pip install --no-input --no-deps . \
    && python -I -c 'import autograder.grader, autograder.container' \
    && site="$(python -I -c 'import autograder, os; print(os.path.dirname(os.path.dirname(autograder.__file__)))')" \
    && chmod -R go-rwx "$site/autograder" "$site/solutions" \
    && cd / && rm -rf /opt/matcalc-kit

WORKDIR /
ENTRYPOINT ["python", "-I", "-m", "autograder", "container-grade"]
