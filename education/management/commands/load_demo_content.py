"""Load the demo content (the files in education/demo_content/, written from the content guide).

Loads once, never twice: every item it creates is recorded (DemoRecord: the item's key in the demo
files, and the row it became), and an item with a record is never created or changed again, so
whatever staff did to it (deleted, renamed, edited) stays done. Re-running it is safe and quick and
says what it skipped and why. A demo item whose slug staff already use is left alone; lists without
slugs (treatment-day steps and checklist lines) are seeded only into an empty list, once.

A database that already has content but no records (loaded before records were kept, or the
clinic's own) gets nothing new: the demo items found there are recorded as loaded and the missing
ones as never to load, since nothing tells a deleted demo item from one that was never there.

Honest about what it is: every item is marked as demo content (is_demo), the clinic is a
made-up one, and nothing is stamped as reviewed. Items are published so the demo site looks
finished, with no reviewer and no review date: the pages say "not reviewed by this clinic's
clinicians" until staff link a real reviewer and mark the item reviewed.
"""

from dataclasses import dataclass
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from education import demo_content as demo
from education.demo_content.images.loader import attach_demo_images
from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    DemoRecord,
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
from education.text import pemat
from education.text.markdown import render_markdown

# Header fields that say how to load an item rather than being a column of it.
_NOT_COLUMNS = {"demo"}
# Published so the demo looks finished; never a reviewer or a review date it did not get.
_UNREVIEWED = {"status": Status.PUBLISHED, "reviewer": None, "last_reviewed": None}


def _fields(item, *leave_out):
    return {k: v for k, v in item.items() if k not in _NOT_COLUMNS and k not in leave_out}


@dataclass
class Kind:
    """One kind of demo item: its key, the row it matches, and how a new one is made."""

    name: str  # plural, for the summary: "articles"
    model: type
    items: list
    prefix: str  # an item's key is "<prefix>:<identity>", e.g. "article:paying-for-treatment"
    ident: str | None  # the item's field giving its identity (None: its place in the file)
    field: str  # the column that finds a row staff made with the same identity
    create: object  # item -> the saved row, or None when something it needs is gone
    is_list: bool = False  # lines without a slug: seeded into an empty list, once

    def key(self, n, item):
        return f"{self.prefix}:{item[self.ident] if self.ident else n + 1}"

    def lookup(self, item):
        return 1 if self.field == "pk" else item[self.field]

    def label(self, item):
        name = self.model._meta.verbose_name
        return name if self.field == "pk" else f"{name} “{item[self.field]}”"


class Command(BaseCommand):
    help = (
        "Load the demo articles (with the demo team's PEMAT-P self-scores), FAQs, safety items, glossary, "
        "self-check and visit content once; a re-run never re-creates or changes what staff deleted, "
        "renamed or edited, and says what it skipped."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created, skipped = DemoLoader().load()
        total = sum(created.values())
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: created {total} items{': ' + summary if summary else ''}.")
        )
        if options["verbosity"] >= 1:
            for line in skipped:
                self.stdout.write(line)


class DemoLoader:
    def __init__(self):
        self.records = {record.key: record for record in DemoRecord.objects.all()}
        # Content but no records: loaded before records were kept, or the clinic's own content.
        self.first_records = not self.records and any(model.objects.exists() for model in CONTENT_MODELS)
        self.created = {}
        self.new_records = []
        self.skipped = []  # (what, why): listed one a line
        self.unchanged = 0  # loaded before and untouched since: only counted
        self.never_loaded = 0  # missing when the loader began keeping records

    def load(self):
        for kind in (
            Kind("clinic details", ClinicDetails, [demo.CLINIC], "clinic", None, "pk", _clinic),
            Kind("reviewers", MedicalReviewer, demo.REVIEWERS, "reviewer", "key", "name", _reviewer),
            Kind("topics", Topic, demo.TOPICS, "topic", "slug", "slug", _topic),
        ):
            self.load_kind(kind)
        new_articles = self.load_kind(
            Kind("articles", Article, demo.ARTICLES, "article", "slug", "slug", self.article)
        )
        for article, item in new_articles:  # once every new article exists
            article.related.set(Article.objects.filter(slug__in=item.get("related", [])))
            article.refresh_editorial_warnings()
        for kind in (
            Kind(
                "FAQ categories",
                FAQCategory,
                demo.FAQ_CATEGORIES,
                "faq-category",
                "slug",
                "slug",
                _faq_category,
            ),
            Kind("FAQs", FAQ, demo.FAQS, "faq", "slug", "slug", self.faq),
            Kind("safety items", SafetyItem, demo.SAFETY_ITEMS, "safety-item", "slug", "slug", _safety_item),
            Kind("glossary terms", GlossaryTerm, demo.GLOSSARY, "glossary-term", "slug", "slug", _term),
            Kind(
                "safety information blocks",
                SafetyInformation,
                demo.SAFETY_INFORMATION,
                "safety-information",
                "slug",
                "slug",
                _safety_information,
            ),
            Kind(
                "self-check questions",
                SelfCheckQuestion,
                demo.SELF_CHECK_QUESTIONS,
                "self-check-question",
                "slug",
                "slug",
                _question,
            ),
            Kind(
                "treatment-day steps",
                TreatmentDayStep,
                demo.TREATMENT_DAY,
                "treatment-day-step",
                None,
                "title",
                partial(_list_line, TreatmentDayStep),
                is_list=True,
            ),
            Kind(
                "checklist items",
                ChecklistItem,
                demo.CHECKLIST,
                "checklist-item",
                None,
                "text",
                partial(_list_line, ChecklistItem),
                is_list=True,
            ),
        ):
            self.load_kind(kind)

        # The team's illustrations (demo_content/images/) and PEMAT-P self-scores (pemat.yaml) come
        # with an article when it is created, never later: staff may have taken them out since.
        articles = [article for article, _ in new_articles]
        self.count("illustrations", attach_demo_images(articles))
        for article in articles:
            score = demo.PEMAT["articles"].get(article.slug)
            if article.is_demo and score:
                PematScore.objects.create(
                    article=article,
                    answers=score["answers"],
                    scored_by=demo.PEMAT["scored_by"],
                    scored_on=demo.PEMAT["scored_on"],
                    notes=pemat_notes(score),
                )
                self.count("PEMAT-P self-scores", 1)

        DemoRecord.objects.bulk_create(self.new_records)  # last: after the loader's own saves
        return self.created, self.report()

    def count(self, name, n):
        self.created[name] = self.created.get(name, 0) + n

    def load_kind(self, kind):
        """Create the items of this kind never loaded before; skip the others, saying why.
        Returns [(row, item)] for the rows created. One query when everything was loaded before."""
        keyed = [(kind.key(n, item), item) for n, item in enumerate(kind.items)]
        recorded = {key: self.records[key] for key, _ in keyed if key in self.records}
        ids = [record.object_id for record in recorded.values() if record.object_id is not None]
        rows = {}
        if ids:
            values = kind.model.objects.filter(pk__in=ids).values_list("pk", kind.field, "updated_at")
            rows = {pk: (value, updated_at) for pk, value, updated_at in values}
        unrecorded = [item for key, item in keyed if key not in recorded]
        taken = {}
        if unrecorded:
            looked_up = {f"{kind.field}__in": [kind.lookup(item) for item in unrecorded]}
            taken = dict(kind.model.objects.filter(**looked_up).values_list(kind.field, "pk"))
        list_in_use = kind.is_list and bool(recorded or kind.model.objects.exists())
        created = []
        for key, item in keyed:
            if key in recorded:
                self.skip_loaded(kind, item, recorded[key], rows)
            elif self.first_records:  # record what is here, create nothing
                pk = taken.get(kind.lookup(item))
                self.record(kind.model, key, pk)
                self.never_loaded += pk is None
            elif list_in_use:
                self.skipped.append((kind.label(item), "not added: staff already keep this list"))
            elif kind.lookup(item) in taken:
                why = f"left alone: an item staff made already has this {kind.field}"
                self.skipped.append((kind.label(item), why))
            else:
                row = kind.create(item)
                if row is not None:
                    self.record(kind.model, key, row.pk)
                    self.count(kind.name, 1)
                    created.append((row, item))
        return created

    def skip_loaded(self, kind, item, record, rows):
        if record.object_id is None:
            self.never_loaded += 1
            return
        if record.object_id not in rows:
            self.skipped.append((kind.label(item), "deleted by staff: not loaded again"))
            return
        value, updated_at = rows[record.object_id]
        edited = updated_at > record.created_at
        if kind.field == "slug" and value != item["slug"]:
            why = f"slug changed by staff to “{value}”{' and edited' if edited else ''}"
            why += ": left as it is, no second copy"
            self.skipped.append((kind.label(item), why))
        elif edited:
            self.skipped.append((kind.label(item), "edited by staff: left as it is"))
        else:
            self.unchanged += 1

    def record(self, model, key, object_id):
        content_type = ContentType.objects.get_for_model(model)
        self.records[key] = record = DemoRecord(key=key, content_type=content_type, object_id=object_id)
        self.new_records.append(record)

    def report(self):
        lines = []
        if self.first_records:
            lines.append(
                "This database already had content but no record of a demo load: nothing was created. "
                "The demo items found here are now recorded as loaded; missing ones will never be loaded."
            )
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)}, changed or made by staff (left as they are):")
            lines += [f"  - {what}: {why}" for what, why in self.skipped]
        if self.unchanged:
            lines.append(f"Skipped {self.unchanged} loaded before and unchanged since.")
        if self.never_loaded:
            lines.append(
                f"Skipped {self.never_loaded} missing when the loader began keeping records "
                "(treated as deleted by staff)."
            )
        return lines

    def resolve(self, model, key, slug):
        """The row a demo item belongs in (an article's topic): the one the loader made, whatever
        staff renamed it to, else one with that slug; None when staff deleted it."""
        record = self.records.get(key)
        if record is None:
            return model.objects.filter(slug=slug).first()
        return model.objects.filter(pk=record.object_id).first() if record.object_id else None

    def parent(self, item, kind, model, field, key):
        """resolve() for the row an item belongs in; when staff deleted it, the item is skipped and
        listed with why."""
        found = self.resolve(model, f"{key}:{item[field]}", item[field])
        if found is None:
            why = f"not loaded: its {field} “{item[field]}” was deleted"
            self.skipped.append((f"{kind} “{item['slug']}”", why))
        return found

    def article(self, item):
        topic = self.parent(item, "article", Topic, "topic", "topic")
        if topic is None:
            return None
        article = Article(
            slug=item["slug"],
            title=item["title"],
            topic=topic,
            summary=item["summary"],
            key_points="\n".join(item["key_points"]),
            body=render_markdown(item["body"]),  # demo text is Markdown; staff use the editor
            featured=item["featured"],
            is_demo=item["demo"],
            review_notes=item["review_notes"],
            review_interval_months=item["review_interval_months"],
            shows_details_checked_on=item["shows_details_checked_on"],
            **_UNREVIEWED,
        )
        article.save(check=False)  # checked once its references and related articles exist
        for n, ref in enumerate(item["references"]):
            Reference.objects.create(article=article, order=n, **ref)
        return article

    def faq(self, item):
        category = self.parent(item, "FAQ", FAQCategory, "category", "faq-category")
        if category is None:
            return None
        fields = _fields(item, "slug", "category") | _UNREVIEWED
        fields["answer"] = render_markdown(fields["answer"])
        return FAQ.objects.create(slug=item["slug"], category=category, is_demo=item["demo"], **fields)


# A database with rows in any of these already has content (reviewers alone do not count: a
# clinician's record may come first).
CONTENT_MODELS = (
    ClinicDetails,
    Topic,
    FAQCategory,
    Article,
    FAQ,
    SafetyItem,
    GlossaryTerm,
    SafetyInformation,
    SelfCheckQuestion,
    TreatmentDayStep,
    ChecklistItem,
)


def _list_line(model, item):
    return model.objects.create(**item, is_demo=True)


def _clinic(item):
    clinic = ClinicDetails(**item, is_demo=True)
    clinic.save()
    return clinic


def _reviewer(item):
    # Fictional reviewers, marked as demo, so staff see what a reviewer record looks like; no demo
    # item is linked to them (an article's "reviewer" header only suggests which kind of clinician).
    return MedicalReviewer.objects.create(name=item["name"], credentials=item["credentials"], is_demo=True)


def _topic(item):
    return Topic.objects.create(**item)


def _faq_category(item):
    return FAQCategory.objects.create(**item)


def _safety_item(item):
    fields = _fields(item) | _UNREVIEWED
    fields["guidance"] = render_markdown(fields["guidance"])
    return SafetyItem.objects.create(**fields, is_demo=item["demo"])


def _term(item):
    return GlossaryTerm.objects.create(**_fields(item), is_demo=item["demo"])


def _safety_information(item):
    fields = _fields(item, "articles", "review_notes")  # review notes live in the file only
    fields["body"] = render_markdown(fields["body"])
    block = SafetyInformation.objects.create(**fields, is_demo=item["demo"])
    block.articles.set(Article.objects.filter(slug__in=item["articles"]))
    return block


def _question(item):
    return SelfCheckQuestion.objects.create(**item, is_demo=True)


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
