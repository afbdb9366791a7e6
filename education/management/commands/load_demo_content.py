"""Load the demo content written from shared/CONTENT_GUIDE.md.

Idempotent and respectful of staff work: an item is created only if nothing with its slug
exists yet; existing items are never changed. Lists without slugs (treatment-day steps and
checklist lines) are seeded only while they are empty, so edited or deleted lines stay as
staff left them.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from education import demo_content as demo
from education.content.markdown import render_markdown
from education.demo_content.images.loader import attach_demo_images
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyItem,
    SelfCheckQuestion,
    Status,
    Topic,
    TreatmentDayStep,
)


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
            article = Article(
                slug=item["slug"],
                title=item["title"],
                topic=topics[item["topic"]],
                summary=item["summary"],
                key_points="\n".join(item["key_points"]),
                body=render_markdown(item["body"]),  # demo text is Markdown; staff use the editor
                featured=item.get("featured", False),
                reviewer=reviewers.get(item.get("reviewer")),
                review_notes=item.get("review_notes", ""),
                **review,
            )
            article.save(check=False)  # checked once below, when its references and links exist
            for n, ref in enumerate(item["references"]):
                Reference.objects.create(article=article, order=n, **ref)
            new_articles[article.slug] = (article, item.get("related", []))
            count("articles", True)
        for article, related_slugs in new_articles.values():
            article.related.set(Article.objects.filter(slug__in=related_slugs))
            article.refresh_editorial_warnings()

        categories = {}
        for item in demo.FAQ_CATEGORIES:
            category, was_created = FAQCategory.objects.get_or_create(slug=item["slug"], defaults=item)
            categories[item["slug"]] = category
            count("FAQ categories", was_created)
        default_reviewer = next(iter(reviewers.values()), None)
        for item in demo.FAQS:
            fields = {k: v for k, v in item.items() if k not in ("slug", "category")}
            fields["answer"] = render_markdown(fields["answer"])
            _, was_created = FAQ.objects.get_or_create(
                slug=item["slug"],
                defaults=fields
                | review
                | {"category": categories[item["category"]], "reviewer": default_reviewer},
            )
            count("FAQs", was_created)

        for item in demo.SAFETY_ITEMS:
            fields = {k: v for k, v in item.items() if k != "slug"}
            fields["guidance"] = render_markdown(fields["guidance"])
            _, was_created = SafetyItem.objects.get_or_create(
                slug=item["slug"], defaults=fields | review | {"reviewer": default_reviewer}
            )
            count("safety items", was_created)

        for item in demo.GLOSSARY:
            fields = {k: v for k, v in item.items() if k != "slug"}
            _, was_created = GlossaryTerm.objects.get_or_create(slug=item["slug"], defaults=fields)
            count("glossary terms", was_created)

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
        for _ in range(attach_demo_images()):  # the team's illustrations (demo_content/images/)
            count("illustrations", True)
        return created
