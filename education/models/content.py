"""What patients read: topics, articles with references, FAQs, safety screening, glossary."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from education.content.markdown import html_to_text, render_markdown
from education.editorial.checks import check_article, check_text
from education.editorial.readability import html_reading_stats, reading_stats

from .base import ReviewedContent, TimeStampedModel, demo_flag


class Topic(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The web address part, e.g. “chronic-pain”."
    )
    summary = models.TextField(
        help_text="Two or three plain-language sentences shown on the home and topic pages."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("education:topic", args=[self.slug])


class Article(ReviewedContent):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The web address part; must be unique.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    summary = models.CharField(
        max_length=300,
        help_text="One sentence shown in lists and search results, and to search engines.",
    )
    key_points = models.TextField(
        blank=True,
        help_text="3 to 5 short points, one per line. Shown in a box at the top of the article.",
    )
    body = models.TextField(
        help_text="Markdown: ## for headings, - for lists, [text](address) for links. HTML is not allowed."
    )
    body_html = models.TextField(editable=False, blank=True)
    featured = models.BooleanField(default=False, help_text="Show this article on the home page.")
    # Prices and programme rules change more often than medical facts: pages that give them show
    # the date staff last checked them (or that they have not been checked yet).
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
    )
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
        indexes = [models.Index(fields=["status", "publish_at"])]

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
        self.body_html = render_markdown(self.body)
        self.word_count = reading_stats(html_to_text(self.body_html)).words
        grades = html_reading_stats(self.body_html)  # prose only: headings and list markers left out
        self.reading_grade, self.smog_grade = grades.grade, grades.smog

    def editorial_check(self):
        return check_article(self)


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
        help_text="Used in this category's addresses: /faq/#<slug> and /faq/<slug>/.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

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


class FAQ(ReviewedContent):
    category = models.ForeignKey(FAQCategory, on_delete=models.PROTECT, related_name="faqs")
    question = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Used in the address of this question's page: /faq/<category>/<slug>/.",
    )
    answer = models.TextField(help_text="Markdown. Keep it short and plain.")
    answer_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "order", "question"]
        permissions = [("publish_faq", "Can publish, approve and mark FAQs reviewed")]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("education:faq_question", args=[self.category.slug, self.slug])

    @property
    def answer_text(self):
        return html_to_text(self.answer_html).strip()

    def render(self):
        self.answer_html = render_markdown(self.answer)

    def editorial_check(self):
        return check_text(self.answer_html, self.question)


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
        help_text="Markdown: what the patient should do, e.g. “Tell your clinician…”."
    )
    guidance_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "safety-screening item"
        permissions = [("publish_safetyitem", "Can publish, approve and mark safety items reviewed")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("education:safety") + f"#{self.slug}"

    def render(self):
        self.guidance_html = render_markdown(self.guidance)

    def editorial_check(self):
        return check_text(self.guidance_html, f"{self.title}\n{self.why}")


class GlossaryTerm(TimeStampedModel):
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    definition = models.TextField(help_text="One to three plain-language sentences.")
    also_known_as = models.CharField(max_length=200, blank=True, help_text="Other names, comma separated.")
    is_demo = demo_flag()
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("education:glossary") + f"#{self.slug}"

    def save(self, *args, **kwargs):
        self.version = (self.version or 0) + 1  # refuses admin forms opened before this save
        super().save(*args, **kwargs)
