"""Read a folder written by export_content into this site: as drafts, or (--site) a whole site."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from education.transfer.importer import Importer, ImportFailed


class Command(BaseCommand):
    help = (
        "Read DIR (written by export_content) into this site. New items come in as drafts with no medical "
        "review (items with an on/off switch, such as topics, switched off with a draft in review that "
        "switches them on); an item whose slug or name is already here is "
        "skipped and never changed. --site, on an empty database only, brings a whole site across with "
        "its statuses, reviews and dates. All or nothing: any error imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", help="A folder written by export_content.")
        parser.add_argument(
            "--site",
            action="store_true",
            help="Bring a whole site into an empty database, with statuses, reviews, schedules and dates.",
        )

    def handle(self, *args, **options):
        try:
            report = Importer(Path(options["dir"]), site=options["site"]).run()
        except ImportFailed as failed:
            lines = "\n".join(f"  - {error}" for error in failed.errors)
            raise CommandError(f"Nothing was imported: fix these and run it again.\n{lines}") from None
        created = ", ".join(f"{count} {name}" for name, count in report.created.items()) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"Created: {created}."))
        if report.skipped:
            total = sum(len(where) for where in report.skipped.values())
            self.stdout.write(f"Skipped {total}, already on this site (left as they are):")
            for name, where in report.skipped.items():
                self.stdout.write(f"  - {len(where)} {name}: {', '.join(where)}")
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
        if report.for_review:
            self.stdout.write(
                f"Switched off, each with a draft in “Drafts awaiting review” that a medical reviewer "
                f"approves to switch it on: {', '.join(report.for_review)}."
            )
        if not options["site"] and report.created:
            self.stdout.write(
                "New articles, FAQs and safety items are drafts without a medical review, and new topics, "
                "FAQ categories, glossary terms, self-check questions, checklist lines and treatment-day "
                "steps are switched off: nothing new is shown to patients until staff review it."
            )
