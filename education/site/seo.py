"""Search engines and sharing: absolute addresses, sitemap.xml, robots.txt and JSON-LD.

Absolute addresses come from ``settings.SITE_URL`` (``DJANGO_SITE_URL``, e.g.
``https://portal.example.org``) when it is set, so a cached page never carries another host's
name; without it they come from the request.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import DisallowedHost
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    SafetyItem,
    SelfCheckQuestion,
    Topic,
    TreatmentDayStep,
)
from education.models.content import glossary_by_letter

from .cache import clinic_details

# The same escapes as Django's json_script: the JSON can never close its <script> element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_url(request, path):
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        return site_url.rstrip("/") + path
    if request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:  # e.g. the 400 page for a request with a forged Host header
        return path


def json_ld(data):
    """A <script type="application/ld+json"> element holding ``data`` as strictly valid JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def _publisher(clinic):
    return {"@type": "MedicalClinic", "name": clinic.name} if clinic else None


def article_data(article, references, url, clinic=None):
    """schema.org MedicalWebPage for one article, from the same fields the page shows."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "about": {"@type": "Thing", "name": article.topic.name},
        "audience": {"@type": "Patient", "audienceType": "Patient"},
        "datePublished": article.published_on.date().isoformat(),
        "dateModified": article.updated_at.date().isoformat(),
        "citation": [
            {
                "@type": "CreativeWork",
                "name": ref.title,
                "publisher": {"@type": "Organization", "name": ref.publisher},
                **({"datePublished": str(ref.year)} if ref.year else {}),
                **({"url": ref.url} if ref.url else {}),
            }
            for ref in references
        ],
    }
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    if article.reviewer:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": article.reviewer.name,
            "hasCredential": {
                "@type": "EducationalOccupationalCredential",
                "name": article.reviewer.credentials,
            },
        }
    if clinic:
        data["publisher"] = _publisher(clinic)
    return data


def faq_data(questions, url):
    """schema.org FAQPage with exactly the published questions (FAQ objects) a page shows, with the
    clinic's rules in place of their markers ([[driving-rule]]), as the page shows them."""
    clinic = clinic_details()
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": clinic.rules_as_text(strip_tags(item.answer_html).strip()),
                },
            }
            for item in questions
        ],
    }


class SiteURLSitemap(Sitemap):
    """Uses DJANGO_SITE_URL's scheme and host when set (otherwise the request's)."""

    def _site_url(self):
        return urlsplit(getattr(settings, "SITE_URL", "") or "")

    def get_protocol(self, protocol=None):
        return self._site_url().scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        return self._site_url().netloc or super().get_domain(site)


def _latest(*querysets):
    """The newest change to what a page shows; the clinic details are in every page's footer."""
    querysets = (*querysets, ClinicDetails.objects.all())
    dates = [qs.aggregate(latest=Max("updated_at"))["latest"] for qs in querysets]
    dates = [date for date in dates if date]
    return max(dates) if dates else None


class PageSitemap(SiteURLSitemap):
    """The fixed pages; each one's lastmod is the newest change to the content it shows."""

    def _pages(self):
        return {
            "education:home": lambda: _latest(Topic.objects.active(), Article.objects.published()),
            "education:faq": lambda: _latest(FAQ.objects.published()),
            "education:safety": lambda: _latest(SafetyItem.objects.published()),
            "education:glossary": lambda: _latest(GlossaryTerm.objects.all()),
            "education:prepare": lambda: _latest(TreatmentDayStep.objects.all(), ChecklistItem.objects.all()),
            "education:selfcheck": lambda: _latest(SelfCheckQuestion.objects.all()),
        }

    def items(self):
        return list(self._pages())

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self._pages()[item]()


class GlossaryLetterSitemap(SiteURLSitemap):
    """The glossary's letter pages that have terms. Each shows every letter's number of terms, so
    its lastmod is the newest change to any term, as for /glossary/."""

    def items(self):
        latest = _latest(GlossaryTerm.objects.all())
        shown = GlossaryTerm.objects.active().only("term")
        return [(letter, latest) for letter in glossary_by_letter(shown)]

    def location(self, item):
        return reverse("education:glossary_letter", args=[item[0]])

    def lastmod(self, item):
        return item[1]


class TopicSitemap(SiteURLSitemap):
    def items(self):
        return Topic.objects.active().order_by("order", "name")

    def lastmod(self, topic):
        latest = Article.objects.published().filter(topic=topic).aggregate(latest=Max("updated_at"))["latest"]
        return max(filter(None, [topic.updated_at, latest]))


class ArticleSitemap(SiteURLSitemap):
    """Published articles only: drafts, scheduled and expired articles are left out."""

    def items(self):
        return Article.objects.published().order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class FAQCategorySitemap(SiteURLSitemap):
    """Categories with at least one published question; one query, however many there are."""

    def items(self):
        newest = FAQ.objects.published().filter(category=OuterRef("pk")).order_by("-updated_at")
        return (
            FAQCategory.objects.active()
            .annotate(newest_faq=Subquery(newest.values("updated_at")[:1]))
            .filter(newest_faq__isnull=False)
            .order_by("order", "name")
        )

    def location(self, category):
        return reverse("education:faq_category", args=[category.slug])

    def lastmod(self, category):
        return max(category.updated_at, category.newest_faq)


class FAQSitemap(SiteURLSitemap):
    """Published questions only, each at its own page."""

    def items(self):
        return (
            FAQ.objects.published()
            .select_related("category")
            .only("slug", "updated_at", "category__slug", "category__updated_at")
            .order_by("category__order", "category__name", "order", "slug")
        )

    def location(self, item):
        return reverse("education:faq_question", args=[item.category.slug, item.slug])

    def lastmod(self, item):
        return max(item.updated_at, item.category.updated_at)  # the category's name is on the page


sitemaps = {
    "pages": PageSitemap,
    "glossary": GlossaryLetterSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
    "faq-categories": FAQCategorySitemap,
    "faqs": FAQSitemap,
}


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}/",
        "Disallow: /preview/",
        "Disallow: /self-check/result/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
