"""One search result as the page shows it: title, address, label and a highlighted snippet."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from education.models.content import glossary_term_url
from education.text.richtext import html_to_text

from .index import KIND_CODES


@dataclass
class Result:
    kind: str
    title: str
    url: str
    label: str
    snippet: str


def _highlighter(words):
    # Match on the start of each word, so "depresion" still lights up "depression".
    stems = sorted({w[: max(3, len(w) - 3)] for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def highlight(text, pattern):
    out, last = [], 0
    for found in pattern.finditer(text):
        out += [escape(text[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(texts, pattern, length=220):
    """A short passage around the first match in the first text that has one, highlighted."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in texts:
        found = pattern.search(text)
        if found:
            start = max(0, found.start() - 60)
            if start:
                start = text.find(" ", start) + 1 or start
            passage = text[start : start + length]
            prefix, suffix = ("… " if start else ""), (" …" if start + length < len(text) else "")
            return mark_safe(prefix + highlight(passage, pattern) + suffix)  # noqa: S308
    return highlight(texts[0][:length], pattern) if texts else ""


def result_from_row(row, words):
    code, slug, title, summary, key_points, text, group, category_slug = row[:8]
    kind = KIND_CODES[code]
    pattern = _highlighter(words)
    if kind == "article":
        url, label = reverse("education:article", args=[slug]), f"Article · {group}"
        texts = [summary, key_points, html_to_text(text)]
    elif kind == "faq":
        url, label = reverse("education:faq_question", args=[category_slug, slug]), f"Question · {group}"
        texts = [html_to_text(text)]
    else:
        url, label = glossary_term_url(title, slug), "Glossary"
        return Result(kind, highlight(title, pattern), url, label, highlight(text, pattern))
    return Result(kind, highlight(title, pattern), url, label, snippet(texts, pattern))
