"""nbgrader configuration of the course; nbgrader reads it from the course root."""

c = get_config()  # noqa: F821 (defined by nbgrader when it loads this file)

c.CourseDirectory.course_id = "matcalc"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"

# The stub keeps NotImplementedError, which the grader reports as "not implemented".
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Source notebooks are committed without outputs; the release must not carry any.
c.ClearOutputPreprocessor.enabled = True
