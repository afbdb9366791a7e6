"""The two staff groups and their permissions, frozen as they were when this migration was written.

Later changes to who may do what get migrations of their own (and `manage.py sync_groups`
resets a live site to education.editorial.permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "article": ("add", "change", "view"),
    "reference": ("add", "change", "delete", "view"),
    "faq": ("add", "change", "view"),
    "faqcategory": ("add", "change", "view"),
    "safetyitem": ("add", "change", "view"),
    "glossaryterm": ("add", "change", "delete", "view"),
    "topic": ("add", "change", "view"),
    "clinicdetails": ("change", "view"),
    "treatmentdaystep": ("add", "change", "delete", "view"),
    "checklistitem": ("add", "change", "delete", "view"),
    "selfcheckquestion": ("add", "change", "view"),
    "medicalreviewer": ("view",),
}
REVIEWER_EXTRA = {
    "publish_article",
    "publish_faq",
    "publish_safetyitem",
    "delete_article",
    "delete_faq",
    "delete_safetyitem",
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    editor = {f"{action}_{model}" for model, actions in EDITOR_MODELS.items() for action in actions}
    editor |= {f"view_historical{model}" for model in EDITOR_MODELS}
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", editor), ("Medical reviewers", editor | REVIEWER_EXTRA)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="education", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
