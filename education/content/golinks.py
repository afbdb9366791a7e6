"""Internal links that name the item, not its address: /go/article/12/, /go/faq/7/, /go/page/safety/.

The editor's link picker stores these, so a changed slug or category never breaks a link; this
view sends patients on to the item's current address. Content patients cannot see is a 404 (the
editorial checks warn staff about such links before they publish).
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from education.models import FAQ, Article

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


def link_targets():
    """Everything the picker offers: (kind label, title, stable href, live now?)."""
    live = {
        kind: set(model.objects.published().values_list("pk", flat=True))
        for kind, model in ITEM_KINDS.items()
    }
    targets = [
        {"kind": "Page", "title": title, "href": page_href(name), "live": True}
        for name, (title, _url) in FIXED_PAGES.items()
    ]
    for article in Article.objects.order_by("title").only("pk", "title"):
        targets.append(
            {"kind": "Article", "title": article.title, "href": item_href("article", article.pk),
             "live": article.pk in live["article"]}
        )  # fmt: skip
    for faq in FAQ.objects.order_by("question").only("pk", "question"):
        targets.append(
            {
                "kind": "Question",
                "title": faq.question,
                "href": item_href("faq", faq.pk),
                "live": faq.pk in live["faq"],
            }
        )
    return targets
