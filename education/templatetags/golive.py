"""The "Before you go live" panel on the admin home page (education.editorial.golive)."""

from django import template

from education.editorial import golive

register = template.Library()


@register.simple_tag(takes_context=True)
def golive_sections(context):
    """What is left to do, by section; empty when the site is ready (the panel then goes away)."""
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return []
    return golive.report(request.user)
