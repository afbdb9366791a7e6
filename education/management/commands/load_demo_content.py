"""Load the demo content (the files in education/demo_content/, written from the content guide).

Idempotent and respectful of staff work: an item is created only if nothing with its slug
exists yet; existing items are never changed. Lists without slugs (treatment-day steps and
checklist lines) are seeded only while they are empty, so edited or deleted lines stay as
staff left them.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from education import demo_content as demo
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyInformation,
    SafetyItem,
    SelfCheckQuestion,
    Status,
    Topic,
    TreatmentDayStep,
)

# Header fields that say how to load an item rather than being a column of it.
_NOT_COLUMNS = {"demo"}


def _fields(item, *leave_out):
    return {k: v for k, v in item.items() if k not in _NOT_COLUMNS and k not in leave_out}


class Command(BaseCommand):
    help = (
        "Load the demo articles, FAQs, safety items, glossary, self-check and visit content (safe to re-run)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created = self.load()
        total = sum(created.values())
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: created {total} items{': ' + summary if summary else ''}.")
        )

    def load(self):
        today = timezone.localdate()
        created = {}

        def count(name, was_created):
            created[name] = created.get(name, 0) + int(was_created)

        if not ClinicDetails.objects.filter(pk=1).exists():
            ClinicDetails(**demo.CLINIC).save()
            count("clinic details", True)

        reviewers = {}
        for item in demo.REVIEWERS:
            reviewer, was_created = MedicalReviewer.objects.get_or_create(
                name=item["name"], defaults={"credentials": item["credentials"]}
            )
            reviewers[item["key"]] = reviewer
            count("reviewers", was_created)

        topics = {}
        for item in demo.TOPICS:
            topic, was_created = Topic.objects.get_or_create(slug=item["slug"], defaults=item)
            topics[item["slug"]] = topic
            count("topics", was_created)

        review = {"status": Status.PUBLISHED, "last_reviewed": today}
        new_articles = {}
        for item in demo.ARTICLES:
            if Article.objects.filter(slug=item["slug"]).exists():
                continue
            article = Article.objects.create(
                slug=item["slug"],
                title=item["title"],
                topic=topics[item["topic"]],
                summary=item["summary"],
                key_points="\n".join(item["key_points"]),
                body=item["body"],
                featured=item["featured"],
                reviewer=reviewers.get(item["reviewer"]),
                review_notes=item["review_notes"],
                review_interval_months=item["review_interval_months"],
                shows_details_checked_on=item["shows_details_checked_on"],
                **review,
            )
            for n, ref in enumerate(item["references"]):
                Reference.objects.create(article=article, order=n, **ref)
            new_articles[article.slug] = (article, item.get("related", []))
            count("articles", True)
        for article, related_slugs in new_articles.values():
            article.related.set(Article.objects.filter(slug__in=related_slugs))

        categories = {}
        for item in demo.FAQ_CATEGORIES:
            category, was_created = FAQCategory.objects.get_or_create(slug=item["slug"], defaults=item)
            categories[item["slug"]] = category
            count("FAQ categories", was_created)
        default_reviewer = next(iter(reviewers.values()), None)
        for item in demo.FAQS:
            fields = _fields(item, "slug", "category")
            _, was_created = FAQ.objects.get_or_create(
                slug=item["slug"],
                defaults=fields
                | review
                | {"category": categories[item["category"]], "reviewer": default_reviewer},
            )
            count("FAQs", was_created)

        for item in demo.SAFETY_ITEMS:
            fields = _fields(item, "slug")
            _, was_created = SafetyItem.objects.get_or_create(
                slug=item["slug"], defaults=fields | review | {"reviewer": default_reviewer}
            )
            count("safety items", was_created)

        for item in demo.GLOSSARY:
            fields = _fields(item, "slug")
            _, was_created = GlossaryTerm.objects.get_or_create(slug=item["slug"], defaults=fields)
            count("glossary terms", was_created)

        for item in demo.SAFETY_INFORMATION:
            if SafetyInformation.objects.filter(slug=item["slug"]).exists():
                continue
            block = SafetyInformation.objects.create(
                **_fields(item, "articles", "review_notes")  # review notes live in the file only
            )
            block.articles.set(Article.objects.filter(slug__in=item["articles"]))
            count("safety information blocks", True)

        for item in demo.SELF_CHECK_QUESTIONS:
            fields = {k: v for k, v in item.items() if k != "slug"}
            _, was_created = SelfCheckQuestion.objects.get_or_create(slug=item["slug"], defaults=fields)
            count("self-check questions", was_created)

        for model, items, name in (
            (TreatmentDayStep, demo.TREATMENT_DAY, "treatment-day steps"),
            (ChecklistItem, demo.CHECKLIST, "checklist items"),
        ):
            if not model.objects.exists():
                for item in items:
                    model.objects.create(**item)
                    count(name, True)
        return created
