"""Editorial checks on an article, recomputed every time it is saved.

Each check returns plain-language warnings for staff. Warnings never block saving; a medical
reviewer sees them on the change page and in the article list before approving.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from education.content.golinks import FIXED_PAGES, live_item
from education.models import FAQ, Article, Image, SafetyItem, Topic
from education.models.base import ReviewedContent
from education.text.readability import html_reading_stats
from education.text.richtext import html_to_text

TARGET_GRADE = 8


# Claims our content guide rules out, with the reason staff see: the one list, used by the
# editorial checks and by the demo-content tests. A claim that is negated just before it in the
# same sentence ("is not a cure", "does not cure", "has not been shown to be safe") is honest
# and passes; the claim itself ("cures depression", "it is safe") is flagged.
@dataclass(frozen=True)
class RuledOutClaim:
    pattern: re.Pattern
    reason: str
    negatable: bool = True  # False: the phrase is the claim even with a "no" in it


RULED_OUT_CLAIMS = [
    RuledOutClaim(re.compile(r"\bcur(?:e|es|ed|ing)\b", re.I), "promises a cure"),
    RuledOutClaim(re.compile(r"\bguarantee(?:d|s)?\b", re.I), "promises a guaranteed result"),
    RuledOutClaim(re.compile(r"\bmiracle\w*", re.I), "calls it a miracle"),
    # "safe" as a promise about the treatment; "stay safe" or "get home safely" are guidance.
    RuledOutClaim(
        re.compile(
            r"\b(?:is|are|it[’']s|completely|totally|perfectly|entirely|very|proven|always)\s+safe\b"
            r"|\bsafe\s+(?:and\s+effective|treatment|medicine|option|choice|drug|for\s+everyone)\b",
            re.I,
        ),
        "calls the treatment safe",
    ),
    RuledOutClaim(
        re.compile(r"\b(?:no|without|zero|free of) (?:side[- ]effects?|risks?)\b", re.I),
        "says there are no side effects",
        negatable=False,
    ),
    RuledOutClaim(re.compile(r"\b(?:100|one hundred) ?(?:%|percent)", re.I), "promises certain success"),
    RuledOutClaim(
        re.compile(
            r"\b(?:buy|buying|purchase|purchasing|order|ordering)\b(?:\W+\w+){0,3}?\W+"
            r"(?:ketamine|esketamine|spravato|drugs?|medicines?|medications?|prescriptions?)\b"
            r"|\b(?:es)?ketamine\s+(?:online|for\s+sale|delivery|delivered)\b",
            re.I,
        ),
        "talks about buying or ordering drugs",
        negatable=False,
    ),
]
_NEGATION = re.compile(r"\b(?:not|no|never|nor|cannot|nothing|none|neither)\b|n[’']t\b", re.I)
_SENTENCE_START = re.compile(r"(?:[.!?]\s|\n\s*\n)")
NEGATION_WINDOW_WORDS = 5


def _is_negated(text, start):
    """A negation among the few words before `start`, in the same sentence."""
    before = text[:start]
    sentence_starts = [m.end() for m in _SENTENCE_START.finditer(before)]
    before = before[sentence_starts[-1] if sentence_starts else 0 :]
    words = re.findall(r"[\w’']+", before)[-NEGATION_WINDOW_WORDS:]
    return bool(_NEGATION.search(" ".join(words)))


def find_claims(text):
    """[(matched text, reason)] for every ruled-out claim in `text` that is not negated."""
    found = []
    for claim in RULED_OUT_CLAIMS:
        for match in claim.pattern.finditer(text or ""):
            if claim.negatable and _is_negated(text, match.start()):
                continue
            found.append((match.group(0), claim.reason))
            break  # one warning per kind of claim is enough for staff
    return found


_HEADING = re.compile(r"<h([1-6])\b", re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r'\balt="([^"]*)"', re.I)
_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.I)
_LIBRARY_IMAGE = re.compile(r'\bdata-image-id="(\d+)"')


def reading_grade_warnings(stats):
    if stats.words and stats.grade > TARGET_GRADE:
        return [
            f"Reading grade is {stats.grade:g} (Flesch-Kincaid; SMOG {stats.smog:g}); aim for "
            f"{TARGET_GRADE} or lower (shorter sentences, everyday words)."
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
    return [
        f"The text {reason} (“{phrase}”), which our content guide rules out."
        for phrase, reason in find_claims(text)
    ]


_TYPED_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def typed_markup_warnings(*texts):
    """(label, text) pairs of plain-text fields: tags typed there are shown to patients as typed."""
    warnings = []
    for label, text in texts:
        tags = list(dict.fromkeys(_TYPED_TAG.findall(text or "")))
        if tags:
            shown = ", ".join(tags[:3])
            warnings.append(
                f"The {label} contains HTML tags ({shown}), which patients would see as typed: "
                "write plain words (bold, links and lists belong in the body)."
            )
    return warnings


def internal_link_warnings(html):
    """Links to our own pages that patients could not open: missing, or not published."""
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
            if live_item(match.kwargs["kind"], match.kwargs["pk"]) is None:
                what = {"faq": "a question", "article": "an article"}.get(match.kwargs["kind"], "a page")
                warnings.append(
                    f"A link ({href}) goes to {what} patients cannot see (deleted, or not published yet)."
                )
        elif match.url_name == "go_page":
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
    stats = html_reading_stats(article.body_html)
    all_text = "\n".join([article.title, article.summary, article.key_points, text])
    return (
        reading_grade_warnings(stats)
        + key_point_warnings(article)
        + reference_warnings(article)
        + internal_link_warnings(article.body_html)
        + image_warnings(article.body_html, article.body)
        + heading_warnings(article.body_html)
        + claim_warnings(all_text)
        + typed_markup_warnings(("title", article.title), ("summary", article.summary))
    )


def check_text(markdown_html, extra_text=""):
    """The checks that make sense for short content (FAQ answers, safety guidance)."""
    text = html_to_text(markdown_html)
    return (
        reading_grade_warnings(html_reading_stats(markdown_html))
        + internal_link_warnings(markdown_html)
        + image_warnings(markdown_html)
        + claim_warnings(extra_text + "\n" + text)
    )


def check_faq(faq):
    return check_text(faq.answer_html, faq.question) + typed_markup_warnings(("question", faq.question))


def check_safety_item(item):
    return check_text(item.guidance_html, f"{item.title}\n{item.why}") + typed_markup_warnings(
        ("title", item.title)
    )


def register():
    """Plug the checks into the models' save() (called once, from EducationConfig.ready())."""
    checks = {Article: check_article, FAQ: check_faq, SafetyItem: check_safety_item}
    ReviewedContent.editorial_checks.update(checks)
