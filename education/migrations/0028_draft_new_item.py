"""Never-published articles, FAQs and safety items get a Draft row that stands for them in the
drafts list and the review queue (education.editorial.drafts.track_item keeps it in step)."""

from django.db import migrations, models

STATES = {"draft": "draft", "in_review": "in_review"}


def track_existing(apps, schema_editor):
    Draft = apps.get_model("education", "Draft")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in ("article", "faq", "safetyitem"):
        model = apps.get_model("education", name)
        content_type, _ = ContentType.objects.get_or_create(app_label="education", model=name)
        for row in model.objects.filter(status__in=STATES):
            working = Draft.objects.filter(
                content_type=content_type,
                object_id=row.pk,
                state__in=["draft", "in_review", "sent_back"],
            )
            if not working.exists():
                Draft.objects.create(
                    content_type=content_type,
                    object_id=row.pk,
                    title=str(getattr(row, "title", None) or getattr(row, "question", ""))[:300],
                    state=STATES[row.status],
                    data={},
                    new_item=True,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("education", "0027_phone_and_slug_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="new_item",
            field=models.BooleanField(
                default=False, help_text="Stands for a never-published item, whose row holds the text."
            ),
        ),
        migrations.RunPython(track_existing, migrations.RunPython.noop),
    ]
