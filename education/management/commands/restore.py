"""Replace the whole database and the uploaded files with a backup's (docs/backups.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from education.site import backups


class Command(BaseCommand):
    help = (
        "Replace the whole database and the uploaded files with those in a backup made by "
        "`manage.py backup`. Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file (clinic-portal-….tar).")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, backup, interactive, **options):
        name = settings.DATABASES["default"]["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} and in {settings.MEDIA_ROOT} "
                f"with the backup {backup}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest = backups.restore(backup)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['engine']} backup of {manifest['created']} (UTC) into {name}. "
            "Run `manage.py migrate` if this version of the portal is newer than the backup, "
            "then start the app."
        )
