"""Site search: the full-text index (PostgreSQL or SQLite), queries, snippets and the results page."""
