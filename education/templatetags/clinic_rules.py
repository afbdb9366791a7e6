"""{{ text|clinic_rules }}: rules staff keep once, in the clinic details, shown wherever a text names them.

An article, FAQ answer, safety item, checklist line, treatment-day step or self-check question says
``[[driving-rule]]``, ``[[red-flags]]`` or ``[[after-hours]]``; the page shows the clinic details'
current words there. So the driving rule of each medicine and the warning-sign list are edited (and
reviewed, as a draft of the clinic details) in one place, and no page can keep an old copy.
A marker alone in a paragraph becomes a list; inside a sentence or list item, plain sentences.
"""

import re

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe

from education.site.cache import clinic_details

register = template.Library()

MARKER = re.compile(r"(<p>\s*)?\[\[(driving-rule|red-flags|after-hours)\]\](\s*</p>)?")
# A search snippet highlights the words of a query, inside a marker too: "[[<mark>driving</mark>-rule]]".
HIGHLIGHTED_MARKER = re.compile(r"\[\[((?:</?mark>|[a-z-])+)\]\]")


def _red_flag_context(clinic, with_id=False):
    return {"clinic": clinic, "after_hours": clinic.after_hours_text, "with_id": with_id}


def _replacement(name, clinic, alone):
    if name == "driving-rule":
        if alone:
            items = format_html_join("", "<li>{}</li>", ((rule,) for rule in clinic.driving_rules()))
            return format_html('<ul class="driving-rule">{}</ul>', items)
        return conditional_escape(" ".join(clinic.driving_rules()))
    if name == "red-flags":
        if alone:
            return render_to_string("education/_red_flags.html", _red_flag_context(clinic))
        return format_html(
            '<a href="{}#warning-signs">warning signs on our safety page</a>', reverse("education:safety")
        )
    if alone:
        return format_html("<p>{}</p>", clinic.after_hours_text)
    return conditional_escape(clinic.after_hours_text)


@register.filter(is_safe=True)
def clinic_rules(value):
    """Sanitised HTML (marked safe) or plain text (escaped here), with each marker replaced."""
    text = value if isinstance(value, SafeData) else conditional_escape(value)
    if "[[" not in text:
        return text
    clinic = clinic_details()
    text = HIGHLIGHTED_MARKER.sub(lambda m: "[[" + re.sub(r"</?mark>", "", m.group(1)) + "]]", str(text))

    def replace(match):
        opening, name, closing = match.groups()
        alone = bool(opening and closing)
        if alone:
            return _replacement(name, clinic, alone=True)
        return f"{opening or ''}{_replacement(name, clinic, alone=False)}{closing or ''}"

    return mark_safe(MARKER.sub(replace, text))  # noqa: S308 (every part is escaped above)


@register.filter
def clinic_rules_text(value):
    """Plain text (a page description) with each marker replaced by the clinic's words."""
    return clinic_details().rules_as_text(str(value))


@register.inclusion_tag("education/_red_flags.html")
def red_flags():
    """The warning-sign list on its own (the safety and visit-preparation pages)."""
    return _red_flag_context(clinic_details(), with_id=True)
