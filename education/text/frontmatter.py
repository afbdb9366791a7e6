"""Content files: a YAML header block between '---' lines, then the body. The one reader (and
writer) for the demo content (education/demo_content/) and for export_content/import_content
(education/transfer/).

The header is read with PyYAML's safe loader: plain data, never Python objects. The body comes
back exactly as written (one blank line after the header, for the eye, is taken away), and files
are read and written with newline="", so a body's line endings (a browser sends CRLF) survive a
round trip. What the header's fields must be is the caller's business.
"""

from pathlib import Path

import yaml

FENCE = "---"


class ContentFileError(ValueError):
    """A content file that cannot be read as written; the message names the file (and the field)."""


def parse(text: str, where: str):
    """(header dict, body) of a file's text; ContentFileError names ``where``."""
    first, _, rest = text.partition("\n")
    if first.rstrip() != FENCE:
        raise ContentFileError(f"{where}: the file must start with a '---' line (the header block).")
    lines = rest.split("\n")
    end = next((n for n, line in enumerate(lines) if line.rstrip() == FENCE), None)
    if end is None:
        raise ContentFileError(f"{where}: the header block is not closed with a '---' line.")
    try:
        header = yaml.safe_load("\n".join(lines[:end])) or {}
    except yaml.YAMLError as error:
        raise ContentFileError(f"{where}: the header block is not valid YAML: {error}") from None
    if not isinstance(header, dict):
        raise ContentFileError(f"{where}: the header block must be 'field: value' lines.")
    body = "\n".join(lines[end + 1 :])
    return header, body.removeprefix("\r\n") if body.startswith("\r\n") else body.removeprefix("\n")


def read(path: Path, where: str):
    """(header dict, body) of one file; ContentFileError names ``where``."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return parse(handle.read(), where)
    except UnicodeDecodeError:
        raise ContentFileError(f"{where}: not a UTF-8 text file.") from None


def write(path: Path, header: dict, body: str | None):
    text = (
        FENCE + "\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100) + FENCE + "\n"
    )
    if body is not None:
        text += "\n" + body  # one blank line for the eye; parse() takes it away again
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
