"""Reference solutions, one module per problem set, used by the hidden tests in the grader."""
