"""Back up the whole database and the uploaded files into one archive (docs/backups.md)."""

from django.core.management.base import BaseCommand, CommandError

from education.site import backups


class Command(BaseCommand):
    help = (
        "Write the whole database (content, history, staff accounts, TOTP devices, lockouts) and the "
        "uploaded files into one backup file; with --keep N, delete all but the newest N."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=None,
            help="Folder for the backup files (default: DJANGO_BACKUP_DIR, or backups/ in the project).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            metavar="N",
            help="Then delete all but the newest N backups there.",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave out the uploaded files.")

    def handle(self, *args, output_dir, keep, no_media, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            path = backups.create(output_dir, keep=keep, media=not no_media)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(f"Backup written: {path} ({size / 1024 / 1024:.1f} MB)")
        if keep:
            self.stdout.write(f"Kept the newest {keep} backups in {path.parent}.")
