"""Comparing text the way staff read it: by blocks (paragraphs, list items, headings, lines of plain
text), and inside a changed block by words. Whitespace inside a block (lines joined or split, CRLF,
trailing spaces) is no change.

Python's difflib does the matching: it is the standard library (nothing to pin or audit) and its
SequenceMatcher on word tokens is all a word-level compare needs.
"""

import difflib
import re
from html.parser import HTMLParser

from education.text.richtext import clean_rich_html

_RICH_TEXT = re.compile(r"\s*<(p|h[1-6]|ul|ol|blockquote|figure)\b")
_BLOCK_TAG = r"</?(?:p|li|ul|ol|h[1-6]|blockquote|figure|br)\b[^>]*>"
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
SIMILAR = 0.4  # below this share of words in common, a block is shown as removed and added, not edited
CONTEXT = 1  # unchanged blocks kept beside each change; longer unchanged runs are folded


def normalised(value):
    """Text with CRLF/CR line endings, trailing spaces and blank-line runs evened out; rich text
    with whitespace inside and between its blocks evened out (a browser shows both the same)."""
    if not isinstance(value, str):
        return value
    if _RICH_TEXT.match(value):
        return re.sub(rf"\s*({_BLOCK_TAG})\s*", r"\1", " ".join(value.split())).strip()
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


class _Blocks(HTMLParser):
    """Stored rich text -> [(kind, words)]: kind "heading", "item" (list item) or "paragraph".
    A link's address and an image's text are written out, so changing them shows as a change."""

    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
    STARTS = {"p", "li", "blockquote", "figure", "ul", "ol"} | HEADINGS

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.words, self.open, self.links = [], [], [], []

    def flush(self):
        text = " ".join("".join(self.words).split())
        if text:
            kind = (
                "item" if "li" in self.open else "heading" if self.HEADINGS & set(self.open) else "paragraph"
            )
            self.blocks.append((kind, text))
        self.words = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.STARTS:
            self.flush()
            self.open.append(tag)
        elif tag == "br":
            self.words.append(" ")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
        elif tag == "img":
            self.words.append(f" [image: {attrs.get('alt') or 'no text'}] ")

    def handle_endtag(self, tag):
        if tag in self.STARTS:
            self.flush()
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.words.append(f" [link: {href}]")

    def handle_data(self, data):
        self.words.append(data)


def blocks(value):
    """[(kind, text)]: the blocks of rich text, or the lines of plain text, whitespace evened out."""
    if not value:
        return []
    if isinstance(value, str) and _RICH_TEXT.match(value):
        parser = _Blocks()
        parser.feed(clean_rich_html(value))  # the allow-list first: well-formed, as the model stores it
        parser.close()
        parser.flush()
        return parser.blocks
    return [("line", " ".join(line.split())) for line in str(value).splitlines() if line.strip()]


def word_diff(old, new):
    """(mark, text) pairs inside one block: " " kept, "-" removed, "+" added; each change is one
    removed run then one added run (single spaces between changed words do not split a change)."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts, removed, added = [], [], []

    def close_change():
        if removed:
            parts.append(("-", "".join(removed)))
        if added:
            parts.append(("+", "".join(added)))
        removed.clear()
        added.clear()

    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        same = "".join(a[i1:i2])
        between_changes = 0 < n < len(ops) - 1 and not same.strip()
        if op == "equal" and not between_changes:
            close_change()
            parts.append((" ", same))
        else:
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    close_change()
    return parts


def _similar(old, new):
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio() >= SIMILAR


def block_diff(old, new):
    """What changed, block by block: a list of {"state", "kind", "parts"} where state is "same",
    "changed" (parts: a word diff), "removed" or "added"; unchanged runs far from any change are
    folded into {"state": "folded", "count": n}. Empty when only formatting or spacing changed."""
    a, b = blocks(old), blocks(new)
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [{"state": "same", "kind": kind, "parts": [(" ", text)]} for kind, text in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for n in range(max(len(olds), len(news))):
            was = olds[n] if n < len(olds) else None
            now = news[n] if n < len(news) else None
            if was and now and _similar(was[1], now[1]):
                rows.append({"state": "changed", "kind": now[0], "parts": word_diff(was[1], now[1])})
                continue
            if was:
                rows.append({"state": "removed", "kind": was[0], "parts": [("-", was[1])]})
            if now:
                rows.append({"state": "added", "kind": now[0], "parts": [("+", now[1])]})
    return _fold(rows)


def _fold(rows):
    changes = [n for n, row in enumerate(rows) if row["state"] != "same"]
    if not changes:
        return []
    keep = {n for c in changes for n in range(c - CONTEXT, c + CONTEXT + 1)}
    folded = []
    for n, row in enumerate(rows):
        if n in keep:
            folded.append(row)
        elif folded and folded[-1]["state"] == "folded":
            folded[-1]["count"] += 1
        else:
            folded.append({"state": "folded", "count": 1, "first": row})
    # A fold of one block would take as much room as the block: show the block.
    return [row["first"] if row["state"] == "folded" and row["count"] == 1 else row for row in folded]
