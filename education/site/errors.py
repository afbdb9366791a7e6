"""Our own error pages: no stack trace, no settings, the crisis links still at the top.

Each page first renders normally. If that fails too (the request's Host header is one we refuse,
so the page cannot even build its own address), a plain page with the same message and the
crisis links is sent instead of Django's bare error.

A database that cannot be reached, is locked or does not answer in time (an ``OperationalError``,
wherever it is raised) is not a bug: patients get 503 "temporarily unavailable" with
``Retry-After``, rendered without touching the database (no clinic details, no demo line).
Pages already in the page cache are still served from it (education/site/cache.py).
"""

import logging
import math
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

logger = logging.getLogger(__name__)

FALLBACK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{heading}</title></head>
<body><main><h1>{heading}</h1><p>{message}</p>
<p><strong>In crisis?</strong> Call or text <a href="tel:988">988</a>, or call <a href="tel:911">911</a>
in an emergency.</p><p><a href="/">Go to the home page</a></p></main></body></html>
"""

FALLBACK_TEXT = {
    400: ("We could not understand that request", "Please go back and try again."),
    403: ("You cannot open this page", "This page is not available to you."),
    404: ("We could not find that page", "The page may have moved, or the address may have a typo."),
    500: ("Something went wrong on our side", "Please try again in a few minutes."),
    503: ("This page is temporarily unavailable", "Please try again in a few minutes."),
}


def render_error(request, template_name, status, context=None, without_database=False):
    try:
        if without_database:  # no context processors: they read the clinic details
            content = loader.render_to_string(template_name, {"request": request})
        else:
            content = loader.render_to_string(template_name, context, request)
    except Exception:
        logger.exception("The %s error page could not be rendered; sent the plain one", status)
        heading, message = FALLBACK_TEXT[status]
        content = format_html(FALLBACK_PAGE, heading=heading, message=message)
    return HttpResponse(content, status=status)


def bad_request(request, exception):
    return render_error(request, "400.html", 400)


def permission_denied(request, exception):
    return render_error(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: usually an old tab or blocked cookies."""
    return render_error(request, "403.html", 403, {"csrf_failed": True})


def page_not_found(request, exception):
    return render_error(request, "404.html", 404)


def server_error(request):
    # Django calls this while handling the exception, so it is still at hand.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return database_unavailable(request)
    return render_error(request, "500.html", 500)


def database_unavailable(request):
    response = render_error(request, "503.html", 503, without_database=True)
    # When this process tries the database again (clinic_portal/postgresql/base.py).
    response["Retry-After"] = str(math.ceil(settings.DATABASE_RETRY_AFTER))
    add_never_cache_headers(response)  # a proxy or browser must not keep the outage
    return response
