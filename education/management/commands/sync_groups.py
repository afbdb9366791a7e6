from django.apps import apps
from django.core.management.base import BaseCommand

from education.editorial.permissions import group_permissions, sync_groups


class Command(BaseCommand):
    help = "Create the Editors and Medical reviewers groups and reset their permissions to the defaults."

    def handle(self, *args, **options):
        sync_groups(apps)
        for name, codenames in group_permissions().items():
            self.stdout.write(f"{name}: {len(codenames)} permissions")
