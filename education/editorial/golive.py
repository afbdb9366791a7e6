"""What is left before a site goes live: placeholders, example values, demo items, deployment settings.

Generic and cheap: it walks the text fields of every education model (treatment-day steps and
references included, which the admin's search does not reach) with one query per model, and is run
only for staff on the admin home page (templates/admin/education/_golive_panel.html).
"""

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import Value
from django.db.models.functions import Coalesce, Concat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from education.text.dates import staff_date
from education.transfer.kinds import is_content_model

# "[Clinic name]", "[Clinic: add your hours]": bracketed text starting with a capital letter, but not
# Markdown's [link text](address), [text][ref] or [ref]: address. It may wrap, but not span paragraphs.
BRACKETED = re.compile(r"\[[A-Z](?:[^\[\]\n]|\n(?!\s*\n)){0,300}\](?![(\[:])")
# "(placeholder)", "(a made-up address for this demo)", "(fictional demo reviewer)", "(demo hours)".
PLACEHOLDER_NOTE = re.compile(
    r"\([^()\n]{0,200}\b(?:placeholder|fictional|made[- ]up|demo)\b[^()\n]{0,200}\)", re.IGNORECASE
)
# Reserved example domains (RFC 2606): example.org/.com/.net and anything under .example. Matched
# on the word around each "example" found by str.find (a pattern that starts anywhere is far too slow
# on long texts).
EXAMPLE_TOKEN = re.compile(
    r"(?:[\w.+-]+@)?(?:[\w-]+\.)*(?:example\.(?:org|com|net)|[\w-]+\.example)\b[\w/.?=&%#-]*",
    re.IGNORECASE,
)
_TOKEN_END = set(" \t\r\n<>()[]\"'`|,;*")
# A 555 number: found from the literal "555" (fast), with the area code looked up just before it.
PHONE_555 = re.compile(r"555[\s.-]?\d{3,4}\b")
AREA_CODE = re.compile(r"\(?\d{3}\)?[\s.-]?$")
EXAMPLE_FLAG = re.compile(r"example|fictional|placeholder|made[- ]up|demo|not a real", re.IGNORECASE)
BACKUP_MAX_AGE = datetime.timedelta(days=2)  # the nightly backup, and one night's grace
# Prices and programme rules change through the year: details checked longer ago are listed again.
PRICE_DETAILS_MAX_AGE = datetime.timedelta(days=183)


def price_details_stale_before():
    """Price details checked before this day are listed again."""
    return timezone.localdate() - PRICE_DETAILS_MAX_AGE


@dataclass
class Line:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Section:
    title: str
    help: str
    lines: list = field(default_factory=list)


# Something every finding contains: a text with none of these is passed over without a regex.
_CANDIDATE_WORDS = ("placeholder", "fictional", "made", "demo", "example")


def find_placeholders(text, flagged=False):
    """(placeholders and example values, example e-mail addresses) in one text. ``flagged``: the row
    says it is demo content, so a 555 number in it is an example too."""
    lowered = text.lower()
    if "[" not in text and "555" not in text and not any(word in lowered for word in _CANDIDATE_WORDS):
        return [], []
    found, emails = [], []
    for pattern in (BRACKETED, PLACEHOLDER_NOTE):
        found += pattern.findall(text)
    for token in _example_tokens(text, lowered):
        (emails if "@" in token else found).append(token)
    for match in PHONE_555.finditer(text):
        if match.start() and text[match.start() - 1].isdigit():
            continue  # 5550 inside a longer number
        area = AREA_CODE.search(text, max(0, match.start() - 6), match.start())
        start = area.start() if area else match.start()
        near = text[max(0, start - 60) : match.end() + 60]
        if flagged or EXAMPLE_FLAG.search(near):  # 555 numbers only where flagged as examples
            found.append(text[start : match.end()].strip())
    tidy = [" ".join(text.split()) for text in found]  # a wrapped placeholder shown on one line
    return list(dict.fromkeys(tidy)), list(dict.fromkeys(emails))


def _example_tokens(text, lowered):
    at = lowered.find("example")
    while at != -1:
        start, end = at, at + len("example")
        while start and (text[start - 1].isalnum() or text[start - 1] in "._%+-@"):
            start -= 1
        while end < len(text) and text[end] not in _TOKEN_END:
            end += 1
        match = EXAMPLE_TOKEN.match(text, start, end)
        if match and match.end() > at:
            yield match.group(0).rstrip(".")
        at = lowered.find("example", end)


def _scanned_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and f.editable
        and not isinstance(f, models.SlugField)
        and not f.choices
        and not f.name.endswith("notes")  # staff-only notes are never shown
    ]


def _demo_field(model):
    return next(
        (
            f.name
            for f in model._meta.fields
            if f.name in ("is_demo", "demo") and isinstance(f, models.BooleanField)
        ),
        None,
    )


def _parent_field(model):
    """The foreign key to the item whose admin page edits this one (a reference: its article)."""
    return next(
        (f for f in model._meta.fields if f.many_to_one and f.related_model in admin.site._registry), None
    )


class Scanner:
    def __init__(self, user, rows_per_model=None):
        self.user = user
        # The admin home reads at most this many candidate rows of each model (so the page costs the
        # same at any size); `check --deploy` reads them all. `cut`: some model had more.
        self.rows_per_model, self.cut = rows_per_model, False
        self.placeholders = Section(
            "Placeholders and example values",
            "Replace each with your clinic's own text.",
        )
        self.emails = Section(
            "Example e-mail addresses", "Replace each with an address that reaches your clinic."
        )
        self.demo = Section(
            "Demo items not yet reviewed by a real, linked reviewer",
            "Have a clinician whose staff account is linked to their reviewer record check and sign each.",
        )
        self.reviewers = Section(
            "Demo reviewers and reviewers without a staff account",
            "Replace demo reviewers with your clinicians, and link each to their staff account.",
        )
        self.prices = Section(
            "Price and programme details to check",
            "Check the prices, insurance and savings-programme details against the clinic's and the "
            "programmes' own, then enter the date you checked them.",
        )
        self.deployment = Section(
            "Deployment settings", "Set on the server; each line names the page that says how."
        )

    def change_url(self, obj):
        opts = obj._meta
        if obj.__class__ not in admin.site._registry and not isinstance(obj, get_user_model()):
            parent = _parent_field(obj.__class__)
            return self.change_url(getattr(obj, parent.name)) if parent else ""
        if not self.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return ""
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            return ""

    def label(self, obj):
        parent = None if obj.__class__ in admin.site._registry else _parent_field(obj.__class__)
        own = f"{capfirst(obj._meta.verbose_name)} “{obj}”"
        if parent:
            return f"{own} in {getattr(obj, parent.name)._meta.verbose_name} “{getattr(obj, parent.name)}”"
        return own

    def scan_models(self):
        for model in apps.get_app_config("education").get_models():
            if is_content_model(model):
                self.scan_model(model)

    def scan_model(self, model):
        fields = _scanned_fields(model)
        demo = _demo_field(model)
        names = {f.name for f in model._meta.fields}
        queryset = model._default_manager.all()
        if "status" in names:
            queryset = queryset.exclude(status="archived")  # never shown again
        if model._meta.model_name != "medicalreviewer":  # every reviewer is checked; there are few
            also = models.Q()
            if "shows_details_checked_on" in names:  # prices never checked, or not for 6 months
                cutoff = price_details_stale_before()
                stale = models.Q(details_checked_on__isnull=True) | models.Q(details_checked_on__lt=cutoff)
                also = models.Q(shows_details_checked_on=True) & stale
            queryset = _candidates(queryset, fields, demo, connection.vendor, also)  # the first pass
        # The long texts nobody scans (rendered HTML, stored checks) stay in the database.
        unscanned = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.TextField | models.JSONField) and f not in fields
        ]
        related = [f.name for f in model._meta.fields if f.name == "reviewer" or f == _parent_field(model)]
        rows = queryset.select_related(*related).defer(*unscanned)  # the one query for this model
        if self.rows_per_model is not None:
            rows = list(rows[: self.rows_per_model + 1])
            self.cut = self.cut or len(rows) > self.rows_per_model
            rows = rows[: self.rows_per_model]
        for obj in rows:
            found, emails = {}, {}
            flagged = bool(demo and getattr(obj, demo))
            for f in fields:
                texts, addresses = find_placeholders(getattr(obj, f.attname) or "", flagged)
                if texts:
                    found[f.verbose_name] = texts
                if addresses:
                    emails[f.verbose_name] = addresses
            if found:
                self.placeholders.lines.append(Line(self.label(obj), self.change_url(obj), _detail(found)))
            if emails:
                self.emails.lines.append(Line(self.label(obj), self.change_url(obj), _detail(emails)))
            if getattr(obj, "shows_details_checked_on", False):
                self.check_price_details(obj)
            if model._meta.model_name == "medicalreviewer":
                self.check_reviewer(obj, demo)
            elif demo and getattr(obj, demo) and not _really_reviewed(obj):
                self.demo.lines.append(Line(self.label(obj), self.change_url(obj)))
        self.check_required(model)

    def check_required(self, model):
        """Fields a patient-safety text depends on that must not be empty at launch."""
        for name in getattr(model, "required_before_go_live", ()):
            field = model._meta.get_field(name)
            for obj in model._default_manager.filter(**{name: ""}):
                self.placeholders.lines.append(
                    Line(self.label(obj), self.change_url(obj), f"{field.verbose_name}: empty")
                )

    def check_price_details(self, obj):
        checked = obj.details_checked_on
        if checked is None:
            detail = "never checked"
        elif checked < price_details_stale_before():
            detail = f"last checked on {staff_date(checked)}, more than 6 months ago"
        else:
            return
        self.prices.lines.append(Line(self.label(obj), self.change_url(obj), detail))

    def check_reviewer(self, reviewer, demo):
        if demo and getattr(reviewer, demo):
            self.reviewers.lines.append(
                Line(self.label(reviewer), self.change_url(reviewer), "a demo reviewer")
            )
        elif reviewer.user_id is None:
            detail = "not linked to a staff account, so cannot approve content"
            self.reviewers.lines.append(Line(self.label(reviewer), self.change_url(reviewer), detail))

    def scan_staff(self):
        User = get_user_model()
        staff = User._default_manager.filter(is_staff=True, is_active=True)
        for user in staff.filter(email__iregex=r"example\.(org|com|net)$"):
            self.emails.lines.append(
                Line(f"Staff account “{user.get_username()}”", self.change_url(user), user.email)
            )
        if "django_otp.plugins.otp_totp" in settings.INSTALLED_APPS:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            enrolled = TOTPDevice.objects.filter(confirmed=True).values("user_id")
            for user in staff.exclude(pk__in=enrolled).order_by(User.USERNAME_FIELD):
                name = user.get_username()
                self.deployment.lines.append(
                    Line(
                        f"Staff account “{name}” has no confirmed authenticator app",
                        self.change_url(user),
                        "they are led to set it up at their next sign-in; or run "
                        f"`python manage.py enrol_totp {name}` (docs/security.md)",
                    )
                )

    def scan_settings(self):
        if not getattr(settings, "SITE_URL", ""):
            self.deployment.lines.append(
                Line(
                    "DJANGO_SITE_URL is not set",
                    detail="set it to the public address, e.g. https://portal.yourclinic.org "
                    "(README, “Configuration”, and docs/search-engines.md)",
                )
            )
        if list(
            _example_tokens(settings.DEFAULT_FROM_EMAIL or "", (settings.DEFAULT_FROM_EMAIL or "").lower())
        ):
            self.emails.lines.append(
                Line(
                    "DJANGO_DEFAULT_FROM_EMAIL",
                    detail=f"{settings.DEFAULT_FROM_EMAIL} (README, “Configuration”)",
                )
            )
        problem = backup_problem()
        if problem:
            self.deployment.lines.append(Line(problem, detail="docs/backups.md"))

    def sections(self):
        self.scan_models()
        self.scan_staff()
        self.scan_settings()
        found = [self.placeholders, self.emails, self.demo, self.reviewers, self.prices, self.deployment]
        return [section for section in found if section.lines]


def _candidates(queryset, fields, demo, vendor, also=None):
    """Only rows that may hold a finding: the database leaves out the rest. The row's texts are
    joined into one, then PostgreSQL runs one native regular expression on it and SQLite a few
    LIKEs (its REGEXP would call back into Python for every row)."""
    also = also or models.Q()
    if not fields:
        wanted = (models.Q(**{demo: True}) | also) if demo else also
        return queryset.filter(wanted) if wanted else queryset.none()
    parts = [Coalesce(models.F(f.name), Value(""), output_field=models.TextField()) for f in fields]
    joined = Concat(*parts, output_field=models.TextField()) if len(parts) > 1 else parts[0]
    words = ["[", "555", *_CANDIDATE_WORDS]
    if vendor == "postgresql":
        query = models.Q(_golive_text__iregex="|".join(re.escape(word) for word in words))
    else:
        query = models.Q()
        for word in words:
            query |= models.Q(_golive_text__icontains=word)
    if demo:
        query |= models.Q(**{demo: True})
    return queryset.alias(_golive_text=joined).filter(query | also)


def _detail(found):
    return "; ".join(f"{name}: " + ", ".join(f"“{text}”" for text in texts) for name, texts in found.items())


def _really_reviewed(obj):
    """Signed by a reviewer who is a real clinician with a staff account (not a demo reviewer)."""
    reviewer = getattr(obj, "reviewer", None)
    if reviewer is None or reviewer.user_id is None or not getattr(obj, "last_reviewed", None):
        return False
    demo = _demo_field(type(reviewer))
    return not (demo and getattr(reviewer, demo))


def backup_problem(now=None):
    """Why backups are not in order (None when a recent one exists)."""
    try:
        from education.site import backups  # `manage.py backup` (docs/backups.md)

        folder, pattern = Path(backups.default_folder()), f"{backups.PREFIX}*{backups.SUFFIX}"
    except ImportError:
        configured = getattr(settings, "BACKUP_DIR", None) or os.environ.get("DJANGO_BACKUP_DIR")
        if not configured:
            return "No backup location configured"
        folder, pattern = Path(configured), "*"
    try:
        newest = max((p.stat().st_mtime for p in folder.glob(pattern) if p.is_file()), default=None)
    except OSError:
        newest = None
    if newest is None:
        return f"No backup found in {folder}"
    made = datetime.datetime.fromtimestamp(newest, tz=datetime.UTC)
    if (now or timezone.now()) - made > BACKUP_MAX_AGE:
        return f"The newest backup in {folder} is from {staff_date(made)}: more than 2 days old"
    return None


PANEL_ROWS_PER_MODEL = 500


def report(user, rows_per_model=None):
    """The sections with lines; ``cut`` says whether some model had more rows than were read."""
    scanner = Scanner(user, rows_per_model)
    return scanner.sections(), scanner.cut


class _Everyone:
    """A reader with every permission: `check --deploy` names each item's admin page."""

    def has_perm(self, perm):
        return True


CHECK_IDS = {  # one id per kind of finding, as Django numbers its own
    "Placeholders and example values": "education.W001",
    "Example e-mail addresses": "education.W002",
    "Demo items not yet reviewed by a real, linked reviewer": "education.W003",
    "Demo reviewers and reviewers without a staff account": "education.W004",
    "Price and programme details to check": "education.W005",
    "Deployment settings": "education.W006",
}


def go_live_check(app_configs=None, databases=None, **kwargs):
    """The go-live list as Django deployment checks: `manage.py check --deploy` warns about each line."""
    from django.core import checks
    from django.db import DatabaseError

    try:
        sections = Scanner(_Everyone()).sections()
    except DatabaseError:
        return []  # no tables yet (before `migrate`): nothing is live to check
    found = []
    for section in sections:
        for line in section.lines:
            message = f"{section.title}: {line.label}" + (f": {line.detail}" if line.detail else "")
            hint = section.help + (f" Change it at {line.url}" if line.url else "")
            found.append(checks.Warning(message, hint=hint, id=CHECK_IDS[section.title]))
    return found
