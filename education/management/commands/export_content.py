"""Write every content item of this site into a folder of files (see education.transfer)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from education.transfer.exporter import Exporter


class Command(BaseCommand):
    help = (
        "Write every article, FAQ, safety item, glossary term, topic, reviewer, the clinic details, "
        "checklist, treatment-day steps, self-check questions, the Important safety information block "
        "and the image library into DIR: one Markdown file per item, its fields in a YAML header block "
        "(uploaded files under DIR/media/). Read it back with import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", help="A new or empty folder to write into.")

    def handle(self, *args, **options):
        root = Path(options["dir"])
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise CommandError(
                f"{root} is not an empty folder: choose a new one, so no old file is mixed in."
            )
        root.mkdir(parents=True, exist_ok=True)
        try:
            counts = Exporter(root).run()
        except ValueError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items()) or "nothing (no content yet)"
        self.stdout.write(self.style.SUCCESS(f"Exported to {root}: {summary}."))
