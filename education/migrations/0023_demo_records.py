"""What the demo loader created (DemoRecord), so a re-run never brings back what staff deleted,
renamed or edited."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("education", "0022_approvals_sign_one_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="DemoRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        help_text="The item in the demo files, e.g. “article:paying-for-treatment”.",
                        max_length=250,
                        unique=True,
                    ),
                ),
                (
                    "object_id",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="The row it created. Empty: not created, because the database already had "
                        "content when the loader began keeping records and this item was not there.",
                        null=True,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                    ),
                ),
            ],
            options={"verbose_name": "demo content record", "ordering": ["key"]},
        ),
    ]
