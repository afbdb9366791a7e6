"""The "Before you go live" panel on the admin home page (education.editorial.golive)."""

from django import template

from education.editorial import golive, panels

register = template.Library()


@register.simple_tag(takes_context=True)
def golive_report(context):
    """What is left to do, by section (empty when the site is ready: the panel then goes away), and
    whether the list was cut short (a large site: the panel reads a bounded number of rows)."""
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return {"sections": [], "cut": False}
    sections, cut = golive.report(request.user, rows_per_model=golive.PANEL_ROWS_PER_MODEL)
    shown = [
        {"section": section, "first": section.lines[: panels.ROWS], "more": section.lines[panels.ROWS :]}
        for section in sections
    ]
    return {
        "sections": shown,
        "cut": cut,
        "title": panels.GO_LIVE,
        "rows_per_model": golive.PANEL_ROWS_PER_MODEL,
    }
