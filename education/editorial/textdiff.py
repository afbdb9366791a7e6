"""Comparing text the way staff read it: line endings and whitespace-only changes are no change."""

import difflib
import re

from education.text.richtext import html_to_text

_RICH_TEXT = re.compile(r"\s*<(p|h[1-6]|ul|ol|blockquote|figure)\b")


def normalised(value):
    """Text with CRLF/CR line endings, trailing spaces and blank-line runs evened out."""
    if not isinstance(value, str):
        return value
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(" ".join(line.split()) if line.strip() else "")
    return "\n".join(kept).strip()


def same_text(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_text(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_text(a[k], b[k]) for k in a)
    if a in (None, "") and b in (None, ""):
        return True
    return normalised(a) == normalised(b)


def readable(value):
    """What staff read: the words of stored rich text (one block a line), other text as it is."""
    if isinstance(value, str) and _RICH_TEXT.match(value):
        return html_to_text(value)
    return value


def line_diff(old, new):
    """(mark, text) pairs: "-" removed, "+" added, " " unchanged; compared whitespace-insensitively."""
    old_lines = normalised(readable(old or "")).splitlines()
    new_lines = normalised(readable(new or "")).splitlines()
    return [(line[0], line[2:]) for line in difflib.ndiff(old_lines, new_lines) if not line.startswith("?")]
