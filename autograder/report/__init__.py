"""HTML and Markdown pages built from grading results.

``page`` contains the shared HTML shell (`page.render_page`, `page.escape`),
``feedback`` the per-submission feedback pages (`feedback.write_feedback`).
Import the submodules directly; this package imports nothing on its own so
that each page module loads without the others.
"""
