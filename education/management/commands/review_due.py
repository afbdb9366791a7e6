"""List published content whose medical review is overdue or due soon, and optionally e-mail it."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from education.editorial import workflow


class Command(BaseCommand):
    help = "List published articles, FAQs and safety items whose medical review is overdue or due soon."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=workflow.DUE_SOON_DAYS,
            help=f"Also list reviews due within this many days (default {workflow.DUE_SOON_DAYS}).",
        )
        parser.add_argument(
            "--email",
            action="append",
            default=[],
            metavar="ADDRESS",
            help="Send the list to this address (repeat for several), using the Django e-mail settings.",
        )

    def handle(self, *args, days, email, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        items = workflow.review_due(within_days=days)
        lines = [self.describe(item) for item in items]
        report = "\n".join(lines) if lines else f"Nothing published is due for medical review in {days} days."
        self.stdout.write(report)
        if email:
            subject = f"Clinic Portal: {len(items)} item(s) due for medical review"
            send_mail(subject, report + "\n", settings.DEFAULT_FROM_EMAIL, email)
            self.stdout.write(f"Sent to {', '.join(email)}.")

    @staticmethod
    def describe(item):
        kind = item.obj._meta.verbose_name
        if item.due is None:
            when = "never reviewed"
        else:
            when = f"{'OVERDUE since' if item.overdue else 'due'} {item.due:%Y-%m-%d}"
        reviewer = f", reviewer {item.obj.reviewer.name}" if item.obj.reviewer else ""
        return f"{when}: {kind} “{item.obj}”{reviewer}"
