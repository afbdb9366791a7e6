"""Load the demo content (the files in education/demo_content/, written from the content guide).

Idempotent and respectful of staff work: an item is created only if nothing with its slug
exists yet; existing items are never changed. Lists without slugs (treatment-day steps and
checklist lines) are seeded only while they are empty, so edited or deleted lines stay as
staff left them.

Honest about what it is: every item is marked as demo content (is_demo), the clinic is a
made-up one, and nothing is stamped as reviewed. Items are published so the demo site looks
finished, with no reviewer and no review date: the pages say "not reviewed by this clinic's
clinicians" until staff link a real reviewer and mark the item reviewed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from education import demo_content as demo
from education.content.markdown import render_markdown
from education.demo_content.images.loader import attach_demo_images
from education.editorial import pemat
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    PematScore,
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
        "Load the demo articles (with the demo team's PEMAT-P self-scores), FAQs, safety items, glossary, "
        "self-check and visit content (safe to re-run)."
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
        created = {}

        def count(name, was_created):
            created[name] = created.get(name, 0) + int(was_created)

        if not ClinicDetails.objects.filter(pk=1).exists():
            ClinicDetails(**demo.CLINIC, is_demo=True).save()
            count("clinic details", True)

        # Fictional reviewers, marked as demo, so staff see what a reviewer record looks like; no
        # demo item is linked to them (an article's "reviewer" header only suggests which kind of
        # clinician should review it).
        for item in demo.REVIEWERS:
            _, was_created = MedicalReviewer.objects.get_or_create(
                name=item["name"], defaults={"credentials": item["credentials"], "is_demo": True}
            )
            count("reviewers", was_created)

        topics = {}
        for item in demo.TOPICS:
            topic, was_created = Topic.objects.get_or_create(slug=item["slug"], defaults=item)
            topics[item["slug"]] = topic
            count("topics", was_created)

        # Published so the demo looks finished; never a reviewer or a review date it did not get.
        review = {"status": Status.PUBLISHED, "reviewer": None, "last_reviewed": None}
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
                featured=item["featured"],
                is_demo=item["demo"],
                review_notes=item["review_notes"],
                review_interval_months=item["review_interval_months"],
                shows_details_checked_on=item["shows_details_checked_on"],
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
        for item in demo.FAQS:
            fields = _fields(item, "slug", "category")
            fields["answer"] = render_markdown(fields["answer"])
            _, was_created = FAQ.objects.get_or_create(
                slug=item["slug"],
                defaults=fields
                | review
                | {"category": categories[item["category"]], "is_demo": item["demo"]},
            )
            count("FAQs", was_created)

        for item in demo.SAFETY_ITEMS:
            fields = _fields(item, "slug")
            fields["guidance"] = render_markdown(fields["guidance"])
            _, was_created = SafetyItem.objects.get_or_create(
                slug=item["slug"], defaults=fields | review | {"is_demo": item["demo"]}
            )
            count("safety items", was_created)

        for item in demo.GLOSSARY:
            fields = _fields(item, "slug") | {"is_demo": item["demo"]}
            _, was_created = GlossaryTerm.objects.get_or_create(slug=item["slug"], defaults=fields)
            count("glossary terms", was_created)

        for item in demo.SAFETY_INFORMATION:
            if SafetyInformation.objects.filter(slug=item["slug"]).exists():
                continue
            fields = _fields(item, "articles", "review_notes")  # review notes live in the file only
            fields["body"] = render_markdown(fields["body"])
            block = SafetyInformation.objects.create(**fields, is_demo=item["demo"])
            block.articles.set(Article.objects.filter(slug__in=item["articles"]))
            count("safety information blocks", True)

        for item in demo.SELF_CHECK_QUESTIONS:
            fields = {k: v for k, v in item.items() if k != "slug"}
            _, was_created = SelfCheckQuestion.objects.get_or_create(
                slug=item["slug"], defaults=fields | {"is_demo": True}
            )
            count("self-check questions", was_created)

        for model, items, name in (
            (TreatmentDayStep, demo.TREATMENT_DAY, "treatment-day steps"),
            (ChecklistItem, demo.CHECKLIST, "checklist items"),
        ):
            if not model.objects.exists():
                for item in items:
                    model.objects.create(**item, is_demo=True)
                    count(name, True)
        for _ in range(attach_demo_images()):  # the team's illustrations (demo_content/images/)
            count("illustrations", True)

        # The demo team's PEMAT-P self-score (pemat.yaml), for a demo article that has none yet; an
        # article staff have marked as their own (no longer demo) is left for them to score.
        scored = PematScore.objects.values_list("article_id", flat=True)
        for article in Article.objects.filter(slug__in=demo.PEMAT["articles"], is_demo=True).exclude(
            pk__in=scored
        ):
            score = demo.PEMAT["articles"][article.slug]
            PematScore.objects.create(
                article=article,
                answers=score["answers"],
                scored_by=demo.PEMAT["scored_by"],
                scored_on=demo.PEMAT["scored_on"],
                notes=pemat_notes(score),
            )
            count("PEMAT-P self-scores", True)
        return created


def pemat_notes(score):
    """The reasons in pemat.yaml, as staff read them on the score's page."""
    lines = [
        "The demo content team's own PEMAT-P score of the demo text (education/demo_content/pemat.yaml), "
        "not a review by this clinic: re-score it once the clinic's reviewer has read the article."
    ]
    for answer, title in ((pemat.DISAGREE, "Disagree"), (pemat.NOT_APPLICABLE, "Not applicable")):
        items = [item for item in pemat.ITEMS if score["answers"].get(item.key) == answer]
        if items:
            lines += ["", f"{title}:"]
            lines += [f"- {item.number}. {item.text} Why: {score['reasons'][item.key]}." for item in items]
    return "\n".join(lines)
