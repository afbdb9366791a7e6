"""E-mail about drafts: reviewers when something is submitted, the submitter when it is decided.

Sent with Django's e-mail settings. E-mail counts as configured when DJANGO_EMAIL_BACKEND is set
in the environment (whatever it names), or the configured backend is one that delivers somewhere
(SMTP, file, locmem in tests); the default console or dummy backend alone means "not set up", and
then nothing is sent and the admin says so once per session (education.admin.drafts).
"""

import logging
import os

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from education.editorial import panels, workflow

logger = logging.getLogger(__name__)
UNCONFIGURED_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


def email_configured():
    return bool(os.environ.get("DJANGO_EMAIL_BACKEND")) or settings.EMAIL_BACKEND not in UNCONFIGURED_BACKENDS


def reviewers_for(model):
    """Active staff with an e-mail address who may approve drafts of this kind of content."""
    if model is None:
        return []
    return list(workflow.approvers(model).filter(is_staff=True).exclude(email=""))


def _send(subject, body, recipients):
    if not email_configured() or not recipients:
        return 0
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:  # a mail server that is down must not undo or break the review step
        logger.warning("Could not send the review e-mail %r", subject, exc_info=True)
        return 0


def _link(draft, base_url):
    return f"{base_url}{draft.get_absolute_url()}"


def submitted(draft, base_url=""):
    note = f"\n\nTheir note:\n{draft.note}" if draft.note else ""
    body = (
        f"{draft.submitted_by or 'Someone'} submitted a draft of the {draft.kind} “{draft.title}” for "
        f"medical review. Patients keep seeing the live version until it is approved.{note}\n\n"
        f"Review it here: {_link(draft, base_url)}\n"
        f"It is listed under {panels.on_home_page(panels.AWAITING_REVIEW)}.\n"
    )
    recipients = [u.email for u in reviewers_for(draft.model) if u != draft.submitted_by]
    return _send(f"For review: {draft.title}", body, recipients)


def _submitter_email(draft):
    user = draft.submitted_by or draft.created_by
    return [user.email] if user and user.email else []


def approved(draft, reviewer, base_url=""):
    when = "It is live now." if draft.go_live_at is None else "It goes live at the scheduled time."
    body = f"{reviewer} approved your draft of the {draft.kind} “{draft.title}”. {when}\n\n"
    body += f"{_link(draft, base_url)}\n"
    return _send(f"Approved: {draft.title}", body, _submitter_email(draft))


def sent_back(draft, reviewer, comment, base_url=""):
    body = (
        f"{reviewer} sent back your draft of the {draft.kind} “{draft.title}”.\n\n"
        f"Their comment:\n{comment}\n\n"
        f"Patients still see the live version. Open the draft, make the changes and submit it again:\n"
        f"{_link(draft, base_url)}\n"
        f"It is listed under {panels.on_home_page(panels.YOUR_DRAFTS)}.\n"
    )
    return _send(f"Sent back: {draft.title}", body, _submitter_email(draft))


def item_submitted(obj, user, note, base_url=""):
    """A never-published item sent for review (its step is recorded by drafts.track_item): tell reviewers."""
    opts = obj._meta
    link = base_url + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    body = f"{user} submitted the new {opts.verbose_name} “{obj}” for medical review."
    body += f"\n\nTheir note:\n{note}" if note else ""
    body += f"\n\nReview it here: {link}\n"
    body += f"It is listed under {panels.on_home_page(panels.AWAITING_REVIEW)}.\n"
    recipients = [u.email for u in reviewers_for(type(obj)) if u != user]
    return _send(f"For review: {obj}", body, recipients)
