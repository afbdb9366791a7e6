"""Editorial work: the review workflow, editorial checks, reading grade, history and staff groups."""
