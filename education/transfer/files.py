"""One content file: a YAML header block between '---' lines, then the body exactly as stored.

The same shape as the demo content files (education/demo_content/): field names are the model's.
Files are read and written with newline="" so a body's line endings (a browser sends CRLF) survive.
"""

from pathlib import Path

import yaml

FENCE = "---"


class ContentFileError(ValueError):
    """A file that cannot be read as written; the message names the file."""


def write(path: Path, header: dict, body: str | None):
    text = (
        FENCE + "\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100) + FENCE + "\n"
    )
    if body is not None:
        text += "\n" + body  # one blank line for the eye; read() takes it away again
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def read(path: Path, where: str):
    """(header dict, body) of one file ("" when there is none); ContentFileError names the file."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise ContentFileError(f"{where}: not a UTF-8 text file.") from None
    first, _, rest = text.partition("\n")
    if first.rstrip("\r") != FENCE:
        raise ContentFileError(f"{where}: the file must start with a '---' line (the header block).")
    header_lines, body_lines, closed = [], None, False
    lines = rest.split("\n")
    for n, line in enumerate(lines):
        if line.rstrip("\r") == FENCE:
            closed, body_lines = True, lines[n + 1 :]
            break
        header_lines.append(line)
    if not closed:
        raise ContentFileError(f"{where}: the header block is not closed with a '---' line.")
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as error:
        raise ContentFileError(f"{where}: the header block is not valid YAML: {error}") from None
    if not isinstance(header, dict):
        raise ContentFileError(f"{where}: the header block must be 'field: value' lines.")
    body = "\n".join(body_lines)
    if body.startswith("\r\n"):
        body = body[2:]
    elif body.startswith("\n"):
        body = body[1:]
    return header, body
