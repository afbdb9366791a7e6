"""A staff save that fails for a reason outside the staff member's control (the database busy,
read-only or unreachable, a full disk, a timeout) answers 503 with an admin page that says nothing
was saved and shows the text they submitted, so they can copy it. Patients' pages keep the site's
own error page (education/site/errors.py); only a signed-in staff member's POST in the admin gets
this one.

The admin saves inside one transaction, so when the exception reaches here it has been rolled back.
"""

import errno
import logging
import re

from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join

logger = logging.getLogger(__name__)

DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}
# Never shown back, whatever else was typed: secrets and the form's own bookkeeping.
HIDDEN_FIELD = re.compile(
    r"password|secret|token|^_|^opened_(version|draft)$|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$", re.I
)
RETRY_AFTER_SECONDS = 30

PLAIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Nothing was saved</title></head><body><main><h1>Nothing was saved</h1>
<p>{reason} Copy your text below, then try again in a few minutes.</p>
{fields}</main></body></html>"""


def fault_reason(error):
    """What went wrong, in words for staff, when it is the server's fault; None for anything else."""
    text = str(error).lower()
    sqlstate = getattr(error.__cause__, "sqlstate", None) or ""
    if isinstance(error, TimeoutError) or "timeout" in text or sqlstate == "57014":
        return "The server took too long to store your changes."
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return "The server's disk is full."
        return "The server could not write its files." if error.errno in DISK_ERRORS else None
    if not isinstance(error, DatabaseError):
        return None
    if "readonly" in text or "read-only" in text or sqlstate == "25006":
        return "The database is read-only at the moment."
    if ("disk" in text and "full" in text) or sqlstate == "53100":
        return "The server's disk is full."
    if isinstance(error, OperationalError):
        if "locked" in text or "deadlock" in text or sqlstate in ("40001", "40P01"):
            return "The database was busy with other people's saves for too long."
        return "The database could not be reached."
    return None


def submitted_text(request):
    """(name, text) of every non-empty field the form sent, secrets and bookkeeping left out."""
    fields = []
    for name, values in request.POST.lists():
        text = ", ".join(value for value in values if value.strip())
        if text and not HIDDEN_FIELD.search(name):
            fields.append((name, text))
    return fields


class StaffWriteFailureMiddleware:
    """Turns a staff POST's server-side failure in the admin into the 503 page that keeps their text."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_URL}/"

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path.startswith(self.admin_prefix):
            return None
        try:
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated or not user.is_staff:
                return None
        except Exception:  # noqa: BLE001 - the session cannot be read either: the site's own 500 page
            return None
        reason = fault_reason(exception)
        if reason is None:
            return None
        logger.error(
            "A staff save failed, nothing was saved (%s): %s", request.path, reason, exc_info=exception
        )
        response = HttpResponse(self.page(request, reason), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)  # it holds what they typed
        return response

    @staticmethod
    def page(request, reason):
        fields = submitted_text(request)
        context = {"title": "Nothing was saved", "reason": reason, "fields": fields, "back": request.path}
        try:
            try:
                context = admin.site.each_context(request) | context
            except Exception:  # noqa: BLE001 - the admin's menu needs the database that just failed
                context |= {"site_header": admin.site.site_header, "site_title": admin.site.site_title}
            return loader.render_to_string("admin/staff_write_failed.html", context, request)
        except Exception:
            logger.exception("The staff error page could not be rendered; sent the plain one")
            rows = format_html_join("", "<h2>{}</h2><pre>{}</pre>", ((name, text) for name, text in fields))
            return format_html(PLAIN_PAGE, reason=reason, fields=rows)
