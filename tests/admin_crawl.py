"""What a crawl of the admin opens: one page of each shape, never a page that leaves or deletes.

Shared by the axe crawl (tests/browser/test_admin_accessibility.py) and the HTML validation
(tests/test_html_validation.py).
"""

import re
from urllib.parse import parse_qsl, urlsplit

# Leaving, deleting, or not a page of its own (scripts, autocomplete answers, "view on site").
SKIP = re.compile(r"/(logout|password_change|jsi18n|autocomplete|r)/|/delete/$")


def shape(url):
    """One key per kind of page: numbers in the path are ignored, a list filtered or sorted any way
    counts once (every filter, facet and search renders the same list template; crawling each
    combination would never end), a form is the same whichever list it was opened from
    (_changelist_filters), and a pop-up form is a kind of its own."""
    parts = urlsplit(url)
    query = {name for name, _ in parse_qsl(parts.query)} - {"_changelist_filters"}
    return re.sub(r"/\d+/", "/N/", parts.path), "_popup" in query, bool(query)
