"""Public pages. Business rules live on the models and querysets; views only assemble pages."""

from itertools import groupby

from csp.decorators import csp_replace
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_sameorigin

from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    Draft,
    FAQCategory,
    GlossaryTerm,
    Reference,
    SafetyItem,
    Topic,
    TreatmentDayStep,
)
from education.models.content import (
    GLOSSARY_LETTERS,
    GLOSSARY_OTHER,
    glossary_by_letter,
    glossary_letter_label,
)
from education.site.cache import cache_public_page
from education.site.errors import render_error

ARTICLES_PER_PAGE = 20
# Up to this many terms /glossary/ shows every definition on one page: with definitions as long as the
# demo's (~80 B compressed each) that is just under the 15 KB first-visit budget. Above it, letter pages.
GLOSSARY_ONE_PAGE_MAX = 120


def _page_or_redirect(request, items, per_page):
    """(page, None), or (None, a redirect) when ``?page=`` is not a page that exists as written.

    Only real pages get a 200 (and so a cache entry): a number past the end goes to the last page,
    anything else (0, words, "02", page=1) to the canonical address of the page meant.
    """
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page")
    if raw is None:
        return paginator.page(1), None
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    number = min(max(number, 1), paginator.num_pages)
    if raw == str(number) and number > 1:
        return paginator.page(number), None
    return None, redirect(request.path + (f"?page={number}" if number > 1 else ""))


@cache_public_page
def home(request):
    return render(
        request,
        "education/home.html",
        {
            "topics": Topic.objects.active(),
            "featured": Article.objects.published().filter(featured=True).select_related("topic")[:6],
        },
    )


@cache_public_page(paginated=True)
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    articles = Article.objects.published().filter(topic=topic).order_by("title")
    page, elsewhere = _page_or_redirect(request, articles, ARTICLES_PER_PAGE)
    if elsewhere:
        return elsewhere
    return render(request, "education/topic_detail.html", {"topic": topic, "page": page})


def _article_context(article, references=None, related_ids=None):
    related = article.related.values("pk") if related_ids is None else related_ids
    return {
        "article": article,
        "references": article.references.all() if references is None else references,
        "related": Article.objects.published().filter(pk__in=related).order_by("title"),
    }


@cache_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("topic", "reviewer"), slug=slug)
    return render(request, "education/article_detail.html", _article_context(article))


def _may_view(user, model):
    """The permission to view this kind of content: Editors, Medical reviewers and superusers have it."""
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def _not_allowed(request, model):
    """403, saying why: a staff account in no group (or one without this kind) sees no drafts."""
    kind = model._meta.verbose_name_plural
    reason = (
        f"Your account may not view {kind}, so it cannot preview them. Ask an administrator to add "
        "you to the Editors or Medical reviewers group."
    )
    return render_error(request, "403.html", 403, {"reason": reason})


@staff_member_required
def article_preview(request, pk):
    """Any article, in any state, exactly as patients would see it: for staff who may view articles."""
    if not _may_view(request.user, Article):
        return _not_allowed(request, Article)
    article = get_object_or_404(Article.objects.select_related("topic", "reviewer"), pk=pk)
    context = _article_context(article) | {"preview": True}
    response = render(request, "education/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _preview_article(request, article, draft):
    references = related = None
    if draft is not None:
        from education.editorial import drafts

        references = drafts.inline_objects(draft, Reference)
        related = draft.data.get("m2m", {}).get("related")
    return render(
        request,
        "education/article_detail.html",
        _article_context(article, references, related) | {"preview": True},
    )


def _preview_faq(request, item, draft):
    category = FAQCategory.objects.filter(pk=item.category_id).first()
    context = {"item": item, "category": category, "questions": [item], "description": item.answer_text[:160]}
    return render(request, "education/faq_question.html", context)


def _preview_safety(request, item, draft):
    """The whole safety page as patients would see it, with this item in its new wording."""
    items = [item if other.pk == item.pk else other for other in SafetyItem.objects.published()]
    if item.pk not in {other.pk for other in items}:
        items.append(item)
    items.sort(key=lambda i: (list(SafetyItem.Kind.values).index(i.kind), i.order, i.title))
    labels = dict(SafetyItem.Kind.choices)
    groups = [(labels[kind], list(group)) for kind, group in groupby(items, key=lambda i: i.kind)]
    return render(request, "education/safety.html", {"groups": groups})


DRAFT_PREVIEWS = {Article: _preview_article, FAQ: _preview_faq, SafetyItem: _preview_safety}


def has_patient_preview(model):
    return model in DRAFT_PREVIEWS


@staff_member_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def draft_preview(request, pk):
    """A draft (or, with ?show=live, the live version it would replace) exactly as patients would
    see it: for staff who may view that kind of content, never cached, framed side by side on the
    draft's admin page."""
    from education.editorial import drafts

    if not any(_may_view(request.user, model) for model in DRAFT_PREVIEWS):
        return _not_allowed(request, Draft)  # before the lookup: which drafts exist is not theirs to learn
    draft = get_object_or_404(Draft.objects.select_related("content_type"), pk=pk)
    if draft.model is not None and not _may_view(request.user, draft.model):
        return _not_allowed(request, draft.model)
    renderer = DRAFT_PREVIEWS.get(draft.model)
    live = draft.model._default_manager.filter(pk=draft.object_id).first() if renderer else None
    if live is None:
        raise Http404("No patient preview for this draft (its item was deleted, or it has no page).")
    show_live = request.GET.get("show") == "live"
    obj = live if show_live else drafts.draft_instance(draft, live)
    response = renderer(request, obj, None if show_live else draft)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


FAQ_PREVIEW = 10  # questions per category on /faq/: the page stays the same size as content grows
FAQS_PER_PAGE = 25


def _faq_order(queryset):
    return queryset.order_by("order", "question", "pk")  # pk: a stable order across pages


def _published_faq_count(now):
    """Subquery: how many published FAQs a category has (0 when none)."""
    counts = (
        FAQ.objects.published(now)
        .filter(category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


@cache_public_page
def faq(request):
    """Every category with its first FAQ_PREVIEW questions: two queries however many FAQs there are."""
    now = timezone.now()
    categories = list(
        FAQCategory.objects.active()
        .annotate(published_count=_published_faq_count(now))
        .filter(published_count__gt=0)
        .prefetch_related(
            # A sliced prefetch: Django limits each category with ROW_NUMBER() in the one query.
            Prefetch(
                "faqs",
                queryset=_faq_order(FAQ.objects.published(now))[:FAQ_PREVIEW],
                to_attr="preview_faqs",
            )
        )
    )
    questions = [item for category in categories for item in category.preview_faqs]
    return render(request, "education/faq.html", {"categories": categories, "questions": questions})


@cache_public_page(paginated=True)
def faq_category(request, category_slug):
    category = get_object_or_404(FAQCategory.objects.active(), slug=category_slug)
    faqs = _faq_order(FAQ.objects.published().filter(category=category))
    page, elsewhere = _page_or_redirect(request, faqs, FAQS_PER_PAGE)
    if elsewhere:
        return elsewhere
    if not page.paginator.count:
        raise Http404("No published questions in this category")
    return render(request, "education/faq_category.html", {"category": category, "page": page})


@cache_public_page
def faq_question(request, category_slug, slug):
    """One question. FAQ slugs are unique on their own, so a wrong or old category part of the address
    (the question moved to another category) redirects to the right one."""
    item = get_object_or_404(FAQ.objects.published().select_related("category"), slug=slug)
    if item.category.slug != category_slug:
        return redirect("education:faq_question", item.category.slug, item.slug, permanent=True)
    context = {
        "item": item,
        "category": item.category,
        "questions": [item],
        # One line of plain text, like the other pages' descriptions (og:description repeats it).
        "description": Truncator(" ".join(item.answer_text.split())).chars(160),
    }
    return render(request, "education/faq_question.html", context)


@cache_public_page
def safety(request):
    items = SafetyItem.objects.published().order_by("kind", "order", "title")
    labels = dict(SafetyItem.Kind.choices)
    groups = [(labels[kind], list(group)) for kind, group in groupby(items, key=lambda item: item.kind)]
    order = list(labels.values())
    groups.sort(key=lambda pair: order.index(pair[0]))
    return render(request, "education/safety.html", {"groups": groups})


def _glossary_letters():
    """[(letter, label, [terms])] for every letter that has terms: one query, whatever the size."""
    by_letter = glossary_by_letter(GlossaryTerm.objects.active())
    return [(letter, glossary_letter_label(letter), terms) for letter, terms in by_letter.items()]


@cache_public_page
def glossary(request):
    letters = _glossary_letters()
    one_page = sum(len(terms) for _, _, terms in letters) <= GLOSSARY_ONE_PAGE_MAX
    return render(request, "education/glossary.html", {"letters": letters, "one_page": one_page})


@cache_public_page
def glossary_letter(request, letter):
    """The terms of one letter with their definitions ("0-9": everything not starting with a-z)."""
    if letter not in GLOSSARY_LETTERS:
        if letter.lower() in GLOSSARY_LETTERS:
            return redirect("education:glossary_letter", letter.lower(), permanent=True)
        raise Http404("No such letter")
    letters = _glossary_letters()
    terms = next((terms for key, _, terms in letters if key == letter), None)
    if not terms:
        raise Http404("No glossary terms under this letter")
    label = glossary_letter_label(letter)
    context = {
        "letters": letters,
        "letter": letter,
        "label": label,
        "starting_with": "a number or symbol" if letter == GLOSSARY_OTHER else label,
        "terms": terms,
    }
    return render(request, "education/glossary_letter.html", context)


@cache_public_page
def prepare(request):
    return render(
        request,
        "education/prepare.html",
        {
            "steps": TreatmentDayStep.objects.active(),
            "categories": FAQCategory.objects.active().filter(
                slug__in=["before-your-first-visit", "treatment-day"]
            ),
            "checklist": ChecklistItem.objects.active(),
        },
    )


# Printable tools: blank forms a patient fills in by hand, each printing on one sheet.
MEDICINE_ROWS = 10
DIARY_DAYS = 14


@cache_public_page
def medicines_list(request):
    return render(request, "education/tool_medicines.html", {"rows": range(MEDICINE_ROWS)})


@cache_public_page
def diary(request):
    return render(request, "education/tool_diary.html", {"days": range(1, DIARY_DAYS + 1)})
