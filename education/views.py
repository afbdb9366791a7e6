"""Public pages. Business rules live on the models and querysets; views only assemble pages."""

from itertools import groupby

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .cache import cache_public_page
from .models import (
    FAQ,
    Article,
    ChecklistItem,
    FAQCategory,
    GlossaryTerm,
    SafetyItem,
    Topic,
    TreatmentDayStep,
)

ARTICLES_PER_PAGE = 20


@cache_public_page
def home(request):
    return render(
        request,
        "education/home.html",
        {
            "topics": Topic.objects.all(),
            "featured": Article.objects.published().filter(featured=True).select_related("topic")[:6],
        },
    )


@cache_public_page
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.published().filter(topic=topic).order_by("title")
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "education/topic_detail.html", {"topic": topic, "page": page})


def _article_context(article):
    return {
        "article": article,
        "references": article.references.all(),
        "related": Article.objects.published().filter(pk__in=article.related.values("pk")).order_by("title"),
    }


@cache_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("topic", "reviewer"), slug=slug)
    return render(request, "education/article_detail.html", _article_context(article))


@staff_member_required
def article_preview(request, pk):
    """Any article, in any state, exactly as patients would see it: staff only."""
    article = get_object_or_404(Article.objects.select_related("topic", "reviewer"), pk=pk)
    context = _article_context(article) | {"preview": True}
    response = render(request, "education/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page
def faq(request):
    categories = FAQCategory.objects.prefetch_related(
        Prefetch(
            "faqs", queryset=FAQ.objects.published().order_by("order", "question"), to_attr="published_faqs"
        )
    )
    return render(request, "education/faq.html", {"categories": [c for c in categories if c.published_faqs]})


@cache_public_page
def safety(request):
    items = SafetyItem.objects.published().order_by("kind", "order", "title")
    labels = dict(SafetyItem.Kind.choices)
    groups = [(labels[kind], list(group)) for kind, group in groupby(items, key=lambda item: item.kind)]
    order = list(labels.values())
    groups.sort(key=lambda pair: order.index(pair[0]))
    return render(request, "education/safety.html", {"groups": groups})


@cache_public_page
def glossary(request):
    terms = GlossaryTerm.objects.all()
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.term[:1].upper())]
    return render(request, "education/glossary.html", {"letters": letters})


@cache_public_page
def prepare(request):
    return render(
        request,
        "education/prepare.html",
        {
            "steps": TreatmentDayStep.objects.filter(active=True),
            "categories": FAQCategory.objects.filter(slug__in=["before-your-first-visit", "treatment-day"]),
            "checklist": ChecklistItem.objects.filter(active=True),
        },
    )
