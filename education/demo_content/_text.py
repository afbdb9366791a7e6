"""A tiny helper so long Markdown can be written as indented, wrapped text."""

import textwrap


def md(text):
    """Dedent and trim a triple-quoted Markdown block, ending it with one newline."""
    return textwrap.dedent(text).strip() + "\n"


def join(*parts):
    """Join short string pieces with spaces (keeps long sentences under the line limit)."""
    return " ".join(part.strip() for part in parts)
