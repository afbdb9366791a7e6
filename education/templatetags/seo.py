"""Template tags for the <head>: canonical address, Open Graph text and JSON-LD (see education.site.seo)."""

import html

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags

from education.site import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address without its query string."""
    request = context.get("request")
    return seo.absolute_url(request, request.path if request else "/")


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The plain text of one of this page's blocks (e.g. "title"), so og:title repeats it exactly.

    Renders the most specific override of the block; ``{{ block.super }}`` is not supported.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    return " ".join(html.unescape(strip_tags(block.nodelist.render(context))).split())


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, references):
    return seo.json_ld(
        seo.article_data(article, references, canonical_url(context), clinic=context.get("clinic"))
    )


@register.simple_tag(takes_context=True)
def faq_json_ld(context, questions):
    return seo.json_ld(seo.faq_data(questions, canonical_url(context)))
