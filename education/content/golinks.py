"""Internal links that name the item, not its address: /go/article/12/, /go/faq/7/, /go/page/safety/.

The editor's link picker stores these, so a changed slug or category never breaks a link; this
view sends patients on to the item's current address. Content patients cannot see is a 404 (the
editorial checks warn staff about such links before they publish).
"""

from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from education.models import FAQ, Article, published_q
from education.search import staff as staff_search

ITEM_KINDS = {"article": Article, "faq": FAQ}
# The fixed pages staff can link to, by name: what the picker shows and where they live.
FIXED_PAGES = {
    "selfcheck": ("Pre-visit self-check", "education:selfcheck"),
    "safety": ("Safety information", "education:safety"),
    "prepare": ("Preparing for your visit", "education:prepare"),
    "glossary": ("Glossary", "education:glossary"),
    "faq": ("Questions and answers", "education:faq"),
    "medicines": ("My medicines list (printable)", "education:medicines_list"),
    "diary": ("Mood and pain diary (printable)", "education:diary"),
}


def item_href(kind, pk):
    return reverse("education:go_item", args=[kind, pk])


def page_href(name):
    return reverse("education:go_page", args=[name])


def live_item(kind, pk):
    model = ITEM_KINDS.get(kind)
    if model is None:
        return None
    queryset = model.objects.published()
    if model is FAQ:
        queryset = queryset.select_related("category")
    return queryset.filter(pk=pk).first()


def go_item(request, kind, pk):
    item = live_item(kind, pk)
    if item is None:
        raise Http404("No such page.")
    return redirect(item.get_absolute_url())


def go_page(request, name):
    if name not in FIXED_PAGES:
        raise Http404("No such page.")
    return redirect(FIXED_PAGES[name][1])


PICKER_ROWS = 50  # the picker shows this many of each kind: the page costs the same at any size


def _titled(model, title_field, query):
    """The items whose title has every word of `query`, first by title: found through the full-text
    index (education.search.staff), then checked against the title alone."""
    queryset = model.objects.all()
    words = query.split()
    if words:
        found = staff_search.matching(queryset, query)  # None: stop words only, titles alone then
        queryset = queryset if found is None else found
        for word in words:
            queryset = queryset.filter(**{f"{title_field}__icontains": word})
    live = ExpressionWrapper(published_q(), output_field=BooleanField())
    return queryset.order_by(title_field).annotate(live_now=live).only("pk", title_field)[:PICKER_ROWS]


def link_targets(query=""):
    """What the picker offers for what staff typed: (kind label, title, stable href, live now?)."""
    words = query.lower().split()
    targets = [
        {"kind": "Page", "title": title, "href": page_href(name), "live": True}
        for name, (title, _url) in FIXED_PAGES.items()
        if all(word in title.lower() for word in words)
    ]
    for article in _titled(Article, "title", query):
        targets.append(
            {"kind": "Article", "title": article.title, "href": item_href("article", article.pk),
             "live": article.live_now}
        )  # fmt: skip
    for faq in _titled(FAQ, "question", query):
        targets.append(
            {
                "kind": "Question",
                "title": faq.question,
                "href": item_href("faq", faq.pk),
                "live": faq.live_now,
            }
        )
    return targets
