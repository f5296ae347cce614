"""Hidden tests: one pytest module per assignment, run by the grader in the trusted process."""
