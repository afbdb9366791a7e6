"""Editorial checks on an article, recomputed every time it is saved.

Each check returns plain-language warnings for staff. Warnings never block saving; a medical
reviewer sees them on the change page and in the article list before approving.
"""

import re
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import Resolver404, resolve

from education.content.markdown import html_to_text

from .readability import reading_stats

TARGET_GRADE = 8

# Claims our content guide rules out, with the reason staff see.
RULED_OUT_CLAIMS = [
    (re.compile(r"\bcur(e|es|ed|ing)\b", re.I), "promises a cure"),
    (re.compile(r"\bguarantee(d|s)?\b", re.I), "promises a guaranteed result"),
    (re.compile(r"\b(no|without|zero) (side[- ]effects?|risks?)\b", re.I), "says there are no side effects"),
    (re.compile(r"\b(100|one hundred) ?(%|percent) (safe|effective)\b", re.I), "promises certain success"),
    (
        re.compile(
            r"\b(buy|buying|purchase|purchasing|order|ordering)\b(\W+\w+){0,3}?\W+"
            r"(ketamine|esketamine|spravato|drugs?|medicines?|medications?|prescriptions?)\b",
            re.I,
        ),
        "talks about buying or ordering drugs",
    ),
]

_HEADING = re.compile(r"<h([1-6])\b", re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r'\balt="([^"]*)"', re.I)
_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.I)
_LIBRARY_IMAGE = re.compile(r'\bdata-image-id="(\d+)"')


def reading_grade_warnings(stats):
    if stats.words and stats.grade > TARGET_GRADE:
        return [
            f"Reading grade is {stats.grade:g}; aim for {TARGET_GRADE} or lower "
            "(shorter sentences, everyday words)."
        ]
    return []


def key_point_warnings(article):
    return [] if article.key_point_list else ["No key points: add 3 to 5 short points, one per line."]


def reference_warnings(article):
    # A new article has no references yet; the admin re-runs the checks after saving them.
    if article.pk is None or not article.references.exists():
        return ["No references: add at least one source a clinician can check."]
    return []


def image_warnings(html, source_html=""):
    # Library images (class figure-img) carry the alt text checked when they were uploaded
    # (alt="" only when staff ticked "decorative").
    missing = [
        tag
        for tag in _IMG.findall(html)
        if "figure-img" not in tag and not (_ALT.search(tag) and _ALT.search(tag).group(1).strip())
    ]
    warnings = []
    if missing:
        warnings.append(f"{len(missing)} image(s) without alt text: describe each image.")
    gone = _LIBRARY_IMAGE.findall(source_html)
    if gone:
        Image = apps.get_model("education", "Image")
        lost = set(map(int, gone)) - set(Image.objects.filter(pk__in=gone).values_list("pk", flat=True))
        if lost:
            warnings.append(
                f"{len(lost)} image(s) are no longer in the image library and are not shown: "
                "insert them again from the library."
            )
    return warnings


def heading_warnings(html):
    """Headings must not skip levels: the page title is h1, so the body starts at h2."""
    previous = 1
    for level in (int(n) for n in _HEADING.findall(html)):
        if level > previous + 1:
            return [
                f"Headings out of order: a level-{level} heading follows a level-{previous} heading. "
                "Use ## for sections and ### only inside them."
            ]
        previous = level
    return []


def claim_warnings(text):
    found = []
    for pattern, reason in RULED_OUT_CLAIMS:
        match = pattern.search(text)
        if match:
            found.append(f"The text {reason} (“{match.group(0)}”), which our content guide rules out.")
    return found


def internal_link_warnings(html):
    """Links to our own pages that patients could not open: missing, or not published."""
    Article = apps.get_model("education", "Article")
    Topic = apps.get_model("education", "Topic")
    warnings = []
    for href in _HREF.findall(html):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # external, mailto:, tel: or an in-page #anchor
        try:
            match = resolve(parts.path)
        except Resolver404:
            warnings.append(f"The link to {href} goes to a page that does not exist.")
            continue
        if match.url_name == "go_item":  # from the link picker: names the item, not its slug
            from education.content.golinks import live_item

            if live_item(match.kwargs["kind"], match.kwargs["pk"]) is None:
                what = {"faq": "a question", "article": "an article"}.get(match.kwargs["kind"], "a page")
                warnings.append(
                    f"A link ({href}) goes to {what} patients cannot see (deleted, or not published yet)."
                )
        elif match.url_name == "go_page":
            from education.content.golinks import FIXED_PAGES

            if match.kwargs["name"] not in FIXED_PAGES:
                warnings.append(f"The link to {href} goes to a page that does not exist.")
        elif match.url_name == "article":
            if not Article.objects.published().filter(slug=match.kwargs["slug"]).exists():
                warnings.append(
                    f"The link to {href} goes to an article patients cannot see (missing or not published)."
                )
        elif match.url_name == "topic":
            if not Topic.objects.filter(slug=match.kwargs["slug"]).exists():
                warnings.append(f"The link to {href} goes to a topic that does not exist.")
        elif (
            match.url_name == "article_preview"
            or parts.path.startswith("/admin")
            or match.app_name == "admin"
        ):
            warnings.append(f"The link to {href} goes to a staff-only page.")
    return warnings


def check_article(article):
    """All warnings for an article whose body_html is already rendered."""
    text = html_to_text(article.body_html)
    stats = reading_stats(text)
    all_text = "\n".join([article.title, article.summary, article.key_points, text])
    return (
        reading_grade_warnings(stats)
        + key_point_warnings(article)
        + reference_warnings(article)
        + internal_link_warnings(article.body_html)
        + image_warnings(article.body_html, article.body)
        + heading_warnings(article.body_html)
        + claim_warnings(all_text)
    )


def check_text(markdown_html, extra_text=""):
    """The checks that make sense for short content (FAQ answers, safety guidance)."""
    text = html_to_text(markdown_html)
    return (
        reading_grade_warnings(reading_stats(text))
        + internal_link_warnings(markdown_html)
        + image_warnings(markdown_html)
        + claim_warnings(extra_text + "\n" + text)
    )
