"""The "Medical review due" panel on the admin index page."""

from django import template
from django.urls import reverse

from education.editorial import workflow

register = template.Library()


@register.inclusion_tag("admin/education/review_dashboard.html", takes_context=True)
def review_dashboard(context):
    request = context["request"]
    rows = []
    for item in workflow.review_due():
        opts = item.obj._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        rows.append(
            {
                "item": item,
                "kind": opts.verbose_name,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.obj.pk]),
            }
        )
    return {"rows": rows, "days": workflow.DUE_SOON_DAYS}
