"""{% demo_notice %}: one line on every public page while any demo content is still in use."""

from django import template

from education.models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    GlossaryTerm,
    SafetyInformation,
    SafetyItem,
    SelfCheckQuestion,
    TreatmentDayStep,
)
from education.site.cache import while_content_unchanged

register = template.Library()

DEMO_MODELS = [
    ClinicDetails,
    Article,
    FAQ,
    SafetyItem,
    SafetyInformation,
    GlossaryTerm,
    TreatmentDayStep,
    ChecklistItem,
    SelfCheckQuestion,
]


def demo_content_present():
    """True while any record is still marked as demo (one EXISTS query per model at most, once
    per content version: every rendered page shows this line)."""
    return while_content_unchanged(
        "demo-content-present",
        lambda: any(model.objects.filter(is_demo=True).exists() for model in DEMO_MODELS),
    )


@register.inclusion_tag("education/_demo_notice.html")
def demo_notice():
    return {"show": demo_content_present()}
