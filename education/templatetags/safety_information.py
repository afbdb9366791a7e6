"""{% safety_information article=… %} or {% safety_information page="safety" %}: the boxed-warning blocks."""

from django import template

from education.models import SafetyInformation

register = template.Library()

_PAGE_FLAGS = {"safety": "show_on_safety_page", "prepare": "show_on_prepare_page"}


@register.inclusion_tag("education/_safety_information.html")
def safety_information(article=None, page=None):
    blocks = SafetyInformation.objects.active()
    if article is not None:
        blocks = blocks.filter(articles=article) if article.pk else blocks.none()
    elif page in _PAGE_FLAGS:
        blocks = blocks.filter(**{_PAGE_FLAGS[page]: True})
    else:
        blocks = blocks.none()
    return {"blocks": list(blocks.distinct())}
