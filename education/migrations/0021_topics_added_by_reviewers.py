"""A new topic's summary is on the home page the moment it exists, so adding a topic becomes a
medical reviewer's step. Editors still change existing topics (as drafts a reviewer approves)."""

from django.db import migrations


def _add_topic(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="education", codename="add_topic"
    )


def move_to_reviewers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    add_topic = list(_add_topic(apps))  # read once, used for both groups
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*add_topic)
    for group in Group.objects.filter(name="Medical reviewers"):
        group.permissions.add(*add_topic)


def give_back_to_editors(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.add(*_add_topic(apps))


class Migration(migrations.Migration):
    dependencies = [("education", "0020_glossary_term_active")]

    operations = [migrations.RunPython(move_to_reviewers, give_back_to_editors)]
