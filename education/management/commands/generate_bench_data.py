"""Fill an empty database with a large, realistic-looking data set for `make bench`.

Never run it against real content: it refuses when any article exists.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from education import models as content
from education.search.index import FTS_TABLE
from education.text.markdown import render_markdown
from education.text.richtext import html_to_text

_WORD_LIST = (
    "ketamine esketamine depression treatment session clinic nasal spray infusion dose blood pressure "
    "monitoring nausea dizziness dissociation anxiety sleep driving home companion intake screening "
    "medicine pregnancy alcohol heart rhythm bladder memory mood recovery safety clinician nurse "
    "appointment insurance cost consent follow-up plan rest water food fasting breathing calm music "
    "eyes room chair timeline checklist questions answers evidence study trial response remission "
    "maintenance schedule weekly twice month side effects common rare serious call emergency support"
)
WORDS = _WORD_LIST.split()
TOPICS = [
    "Depression",
    "Chronic pain",
    "Esketamine nasal spray",
    "IV ketamine",
    "Safety",
    "Your first visit",
    "Side effects",
    "Costs and insurance",
    "Aftercare",
    "Research",
]


# Everyday filler words, so that a topic word appears in some documents, not in every one.
FILLER = [
    a + b + c
    for a in ("ba", "de", "ki", "lo", "mu", "ra", "si", "to")
    for b in "nrstl"
    for c in ("a", "e", "o", "ing", "ed")
]


def sentence(rng, n=12):
    text = " ".join(rng.choice(WORDS) if rng.random() < 0.2 else rng.choice(FILLER) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def markdown_body(rng):
    parts = []
    for _ in range(4):
        parts.append(f"## {sentence(rng, 4)[:-1]}")
        parts.append(" ".join(sentence(rng) for _ in range(5)))
        parts.append("\n".join(f"- {sentence(rng, 6)}" for _ in range(3)))
    return "\n\n".join(parts)


class Command(BaseCommand):
    help = "Generate a benchmark data set: articles, FAQs and glossary terms (into an empty database)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=5000)
        parser.add_argument("--faqs", type=int, default=500)
        parser.add_argument("--terms", type=int, default=500)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        with transaction.atomic():
            self.generate(**options)
        # A bulk load leaves the planner without statistics (and FTS5 with many small segments)
        # until autovacuum or the next merge gets to it; measure the database a running server has.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            elif connection.vendor == "sqlite":
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608 - a constant
                cursor.execute("ANALYZE")

    def generate(self, *, articles, faqs, terms, seed, **options):
        if content.Article.objects.exists():
            raise CommandError(
                "This database already has articles: generate benchmark data only into an empty one."
            )
        rng = random.Random(seed)
        content.ClinicDetails.objects.update_or_create(
            pk=1, defaults={"name": "Benchmark Clinic", "phone": "(202) 555-0100"}
        )
        reviewer = content.MedicalReviewer.objects.create(
            name="Dr. Bench Mark", credentials="MD, psychiatrist"
        )
        topics = content.Topic.objects.bulk_create(
            content.Topic(name=name, slug=name.lower().replace(" ", "-"), summary=sentence(rng), order=n)
            for n, name in enumerate(TOPICS)
        )
        # A few bodies rendered once and reused: Markdown rendering is not what this measures.
        bodies = [render_markdown(body) for body in (markdown_body(rng) for _ in range(20))]
        body_texts = {body: " ".join(html_to_text(body).split()) for body in bodies}
        today = timezone.localdate()
        new_articles = []
        for n in range(articles):
            body = rng.choice(bodies)  # stored rich text; patients get it as rendered below
            title = sentence(rng, 5)[:-1]
            new_articles.append(
                content.Article(
                    title=title,
                    slug=f"bench-article-{n}",
                    topic=topics[n % len(topics)],
                    summary=sentence(rng, 14),
                    key_points="\n".join(sentence(rng, 7) for _ in range(4)),
                    body=body,
                    body_html=body,
                    body_text=(body_text := body_texts[body]),
                    word_count=len(body_text.split()),
                    status=content.Status.PUBLISHED,
                    reviewer=reviewer,
                    last_reviewed=today,
                    featured=n < 6,
                )
            )
        created = content.Article.objects.bulk_create(new_articles, batch_size=500)
        content.Reference.objects.bulk_create(
            (
                content.Reference(
                    article=a, title=sentence(rng, 6), publisher="Journal of Studies", year=2020, order=i
                )
                for a in created
                for i in range(2)
            ),
            batch_size=1000,
        )
        Related = content.Article.related.through
        Related.objects.bulk_create(
            (
                Related(from_article_id=a.pk, to_article_id=rng.choice(created).pk)
                for a in created
                for _ in range(3)
            ),
            batch_size=1000,
            ignore_conflicts=True,
        )
        categories = content.FAQCategory.objects.bulk_create(
            content.FAQCategory(name=f"FAQ group {n}", slug=f"faq-group-{n}", order=n) for n in range(6)
        )
        content.FAQ.objects.bulk_create(
            (
                content.FAQ(
                    category=categories[n % len(categories)],
                    question=sentence(rng, 8)[:-1] + "?",
                    slug=f"bench-question-{n}",
                    answer=(answer_html := f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>"),
                    answer_html=answer_html,
                    answer_text=html_to_text(answer_html).strip(),
                    status=content.Status.PUBLISHED,
                    order=n,
                )
                for n in range(faqs)
            ),
            batch_size=500,
        )
        content.GlossaryTerm.objects.bulk_create(
            (
                content.GlossaryTerm(
                    term=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}",
                    slug=f"bench-term-{n}",
                    definition=sentence(rng, 16),
                )
                for n in range(terms)
            ),
            batch_size=500,
        )
        self.stdout.write(f"Generated {articles} articles, {faqs} FAQs and {terms} glossary terms.")
