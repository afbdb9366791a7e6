"""The search results page, cached for anonymous visitors like the other public pages."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from education.models import Topic
from education.site.cache import cached_or_rendered, page_key

from .query import MAX_QUERY_CHARS, search

SEARCH_CACHE_SECONDS = 5 * 60  # results pages are replaced by content; this only bounds the cache


def _query_string(query, page_number):
    return urlencode({"q": query, **({"page": page_number} if page_number > 1 else {})})


def search_view(request):
    """The results page; for anonymous visitors served from the shared cache while content is unchanged.

    Like the other public pages (``education.site.cache``), the key holds the content version, so any
    publish, edit or delete shows on the very next search. Entries also expire after a few minutes,
    so one-off queries do not linger in the cache. The key is the address as sent, so a hit parses
    nothing (the query string is read only to render); differently spelt addresses of one search
    are stored apart, which the expiry and the local cache's bound keep small.
    """

    def render_results():
        query = request.GET.get("q", "")[:MAX_QUERY_CHARS].replace("\x00", "").strip()
        page_number = request.GET.get("page")
        page, corrected = search(query, page_number)
        if page is not None and page_number is not None and page_number != str(page.number):
            # Not a page that exists ("abc", "0", "999"): send to the one shown, and store nothing
            # under an address visitors invent.
            return redirect(f"{reverse('education:search')}?{_query_string(query, page.number)}")
        context = {"query": query, "page": page, "corrected": corrected}
        if not page or not page.object_list:
            context["topics"] = Topic.objects.active()
        return render(request, "education/search.html", context)

    if request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return cached_or_rendered(request, page_key(request), SEARCH_CACHE_SECONDS, render_results)
    return render_results()
