"""What patients read: topics, articles with references, FAQs, safety screening, glossary."""

import string
import unicodedata

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from simple_history.models import HistoricalRecords

from education.text.readability import html_reading_stats, reading_stats
from education.text.richtext import clean_rich_html, html_to_text, render_rich_html

from .base import ActiveQuerySet, ReviewedContent, TimeStampedModel, demo_flag, demo_index, scheduling_indexes
from .images import Image


class Topic(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The web address part, e.g. “chronic-pain”."
    )
    summary = models.TextField(
        help_text="Two or three plain-language sentences shown on the home and topic pages."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    # A topic's summary is on the home page once it exists: one brought by import_content comes
    # in switched off, with a draft that a medical reviewer approves to switch it on.
    active = models.BooleanField(
        "shown on the site",
        default=True,
        help_text="Untick to take the topic off the home page and its page off the site.",
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("education:topic", args=[self.slug])


# Django's own validator with a callable limit, so migrations name only Django code (0019).
not_in_the_future = MaxValueValidator(
    timezone.localdate, message="This date is in the future: give the day the details were last checked."
)


class PriceDetails(models.Model):
    """Prices and programme rules change more often than medical facts: pages that give them show
    the date staff last checked them (or that they have not been checked yet)."""

    shows_details_checked_on = models.BooleanField(
        default=False,
        verbose_name="shows a “details last checked on” line",
        help_text="Tick for pages with prices, insurance or savings-programme details.",
    )
    details_checked_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="price and programme details last checked on",
        help_text="The date staff last checked the prices and programme details on this page.",
        validators=[not_in_the_future],
    )

    class Meta:
        abstract = True


class Article(ReviewedContent, PriceDetails):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The web address part; must be unique.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    summary = models.CharField(
        max_length=300,
        help_text="One sentence shown in lists and search results, and to search engines.",
    )
    key_points = models.TextField(
        blank=True,
        help_text="3 to 5 short points, one per bullet. Shown in a box at the top of the article.",
    )
    body = models.TextField(
        help_text="Use the toolbar for headings, lists, links and images. Pasting from Word or Google Docs "
        "keeps headings, lists, bold, italic and links, and drops fonts and colours."
    )
    body_html = models.TextField(editable=False, blank=True)
    # The body's words alone, for the search index (which must not match tag or attribute names).
    body_text = models.TextField(editable=False, blank=True)
    featured = models.BooleanField(default=False, help_text="Show this article on the home page.")
    related = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="+")
    # Editorial measures, recomputed on every save (see education.editorial).
    reading_grade = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        verbose_name="reading grade (Flesch-Kincaid)",
    )
    smog_grade = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, editable=False, verbose_name="SMOG grade"
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(m2m_fields=[related])

    class Meta:
        ordering = ["topic__order", "title"]
        permissions = [("publish_article", "Can publish, approve and mark articles reviewed")]
        indexes = [
            *scheduling_indexes("article"),
            demo_index("article"),
            # The home page's few featured articles without reading every published one. On status
            # (with the condition): an index with an equality to match is what SQLite picks.
            models.Index(fields=["status"], condition=models.Q(featured=True), name="article_featured_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("education:article", args=[self.slug])

    @property
    def key_point_list(self):
        return [line.strip(" -*•\t") for line in self.key_points.splitlines() if line.strip(" -*•\t")]

    @property
    def reading_minutes(self):
        return reading_stats(html_to_text(self.body_html)).minutes if self.word_count else 0

    @property
    def published_on(self):
        return self.publish_at or self.created_at

    def render(self):
        self.body = clean_rich_html(self.body)  # whatever sent it (admin, loader, shell)
        self.body_html = render_rich_html(self.body, Image.objects.in_bulk)
        self.body_text = " ".join(html_to_text(self.body_html).split())
        self.word_count = reading_stats(self.body_text).words
        grades = html_reading_stats(self.body_html)  # prose only: headings and list markers left out
        self.reading_grade, self.smog_grade = grades.grade, grades.smog


class Reference(TimeStampedModel):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, help_text="Journal, agency or organisation.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True, verbose_name="URL")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class FAQCategory(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        # Escaped: Django's forms show help text as HTML (its own docs advise escape()).
        help_text=escape("Used in this category's addresses: /faq/#<slug> and /faq/<slug>/."),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    # As for topics: one brought by import_content waits, switched off, for a reviewer's approval.
    active = models.BooleanField(
        "shown on the site", default=True, help_text="Untick to take the category off the FAQ pages."
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "FAQ category"
        verbose_name_plural = "FAQ categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Its section of the overview: that exists even while the category page (/faq/<slug>/) is
        # a 404 for want of published questions.
        return reverse("education:faq") + f"#{self.slug}"


class FAQ(ReviewedContent, PriceDetails):
    category = models.ForeignKey(FAQCategory, on_delete=models.PROTECT, related_name="faqs")
    question = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=escape("Used in the address of this question's page: /faq/<category>/<slug>/."),
    )
    answer = models.TextField(help_text="Keep it short and plain. Use the toolbar for lists, links.")
    answer_html = models.TextField(editable=False, blank=True)
    # The answer's words alone: the search index and the page description use them.
    answer_text = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "order", "question"]
        permissions = [("publish_faq", "Can publish, approve and mark FAQs reviewed")]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        indexes = [*scheduling_indexes("faq"), demo_index("faq")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("education:faq_question", args=[self.category.slug, self.slug])

    def render(self):
        self.answer = clean_rich_html(self.answer)
        self.answer_html = render_rich_html(self.answer, Image.objects.in_bulk)
        self.answer_text = html_to_text(self.answer_html).strip()


class SafetyItem(ReviewedContent):
    """Who should talk to the clinician before treatment, and why."""

    class Kind(models.TextChoices):
        CONDITION = "condition", "Health conditions"
        MEDICINE = "medicine", "Medicines"
        PREGNANCY = "pregnancy", "Pregnancy and breastfeeding"
        SUBSTANCE = "substance", "Alcohol and drug use"
        AFTERCARE = "aftercare", "During and after treatment"

    title = models.CharField(max_length=200, help_text="e.g. “High blood pressure or heart disease”.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONDITION)
    why = models.TextField(help_text="Plain language: why this matters for ketamine or esketamine treatment.")
    guidance = models.TextField(
        help_text="What the patient should do, e.g. “Tell your clinician…”. Use the toolbar for lists, links."
    )
    guidance_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "safety-screening item"
        permissions = [("publish_safetyitem", "Can publish, approve and mark safety items reviewed")]
        indexes = [*scheduling_indexes("safetyitem"), demo_index("safetyitem")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("education:safety") + f"#{self.slug}"

    def render(self):
        self.guidance = clean_rich_html(self.guidance)
        self.guidance_html = render_rich_html(self.guidance, Image.objects.in_bulk)


# The glossary's letter pages, by their address part: "a" to "z", and "0-9" (shown as "#", listed
# first) for every term that starts with anything else: a digit, a symbol, another script. Accents
# are folded to their base letter ("Échographie" is under E). So each term is on exactly one page.
GLOSSARY_OTHER = "0-9"
GLOSSARY_LETTERS = (GLOSSARY_OTHER, *string.ascii_lowercase)


def glossary_letter(term):
    """The address part of the letter page that lists ``term`` (one of GLOSSARY_LETTERS)."""
    first = unicodedata.normalize("NFKD", term.strip()[:1])[:1].lower()
    return first if first in GLOSSARY_LETTERS else GLOSSARY_OTHER


def glossary_letter_label(letter):
    """How a letter page is named on the site: "K", or "#" for the other page."""
    return "#" if letter == GLOSSARY_OTHER else letter.upper()


def glossary_by_letter(terms):
    """{letter: [its terms]} for the letters that have terms, in GLOSSARY_LETTERS order; each
    letter's terms stay in the order given."""
    groups = {}
    for term in terms:
        groups.setdefault(glossary_letter(term.term), []).append(term)
    return {letter: groups[letter] for letter in GLOSSARY_LETTERS if letter in groups}


def glossary_term_url(term, slug):
    """Where a term's definition is, whatever the glossary's size: its letter page, at its anchor."""
    return reverse("education:glossary_letter", args=[glossary_letter(term)]) + f"#{slug}"


class GlossaryTerm(TimeStampedModel):
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    definition = models.TextField(help_text="One to three plain-language sentences.")
    also_known_as = models.CharField(max_length=200, blank=True, help_text="Other names, comma separated.")
    # A definition is medical text: an Editor's new term is saved switched off, with a draft that a
    # medical reviewer approves to switch it on (education.admin.drafts).
    active = models.BooleanField(
        "shown on the site", default=True, help_text="Untick to take the term off the glossary and search."
    )
    is_demo = demo_flag()
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        indexes = [demo_index("glossaryterm")]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return glossary_term_url(self.term, self.slug)

    def save(self, *args, **kwargs):
        self.version = (self.version or 0) + 1  # refuses admin forms opened before this save
        super().save(*args, **kwargs)
