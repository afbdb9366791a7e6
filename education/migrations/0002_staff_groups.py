from django.db import migrations


def create_groups(apps, schema_editor):
    from education.editorial.permissions import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
