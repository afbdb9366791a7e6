"""A draft against the live version, field by field, in words staff read (whitespace-only
differences are no change)."""

from django.apps import apps

from education.editorial.draft_data import (
    NOT_DRAFTED,
    content_fields,
    inline_specs,
    live_snapshot,
    load,
    m2m_fields,
)
from education.editorial.textdiff import block_diff, same_text
from education.text.dates import staff_datetime


def display_value(field, value):
    """A stored value in words staff read (a deleted topic or reviewer is named as deleted)."""
    if value is None or value == "":
        return ""
    if field.many_to_many:
        found = {o.pk: str(o) for o in field.related_model._default_manager.filter(pk__in=value)}
        return "\n".join(sorted(found.get(pk, f"(deleted item #{pk})") for pk in value))
    if field.is_relation:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target else f"(deleted {field.related_model._meta.verbose_name} #{value})"
    value = load(field, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return staff_datetime(value)
    return str(value)


def _rows_text(spec):
    model = apps.get_model(spec["model"])
    fields = content_fields(model, exclude=(spec["fk"],))
    lines = []
    for row in spec.get("rows", []):
        parts = [display_value(f, row.get(f.attname)) for f in fields]
        lines.append(" · ".join(p for p in parts if p))
    return "\n".join(lines)


def draft_diff(draft, live=None):
    """Field by field, what approving the draft changes on the live version (whitespace-only
    differences are no change). Without a live item, compared with what the draft started from."""
    model = draft.model
    current = (
        live_snapshot(live, inline_specs(draft.data)) if live is not None else draft.data.get("base", {})
    )
    rows = []
    for field in content_fields(model, exclude=NOT_DRAFTED):
        new = draft.data.get("fields", {}).get(field.attname)
        if field.attname not in draft.data.get("fields", {}):
            continue
        old = current.get("fields", {}).get(field.attname)
        if same_text(old, new):
            continue
        old_text, new_text = display_value(field, old), display_value(field, new)
        rows.append({"label": str(field.verbose_name).capitalize(), "blocks": block_diff(old_text, new_text)})
    for field in m2m_fields(model):
        new = draft.data.get("m2m", {}).get(field.name)
        old = current.get("m2m", {}).get(field.name)
        if new is None or sorted(new) == sorted(old or []):
            continue
        blocks = block_diff(display_value(field, old or []), display_value(field, new))
        rows.append({"label": str(field.verbose_name).capitalize(), "blocks": blocks})
    for prefix, spec in draft.data.get("inlines", {}).items():
        old_spec = current.get("inlines", {}).get(prefix, {**spec, "rows": []})
        if same_text(old_spec.get("rows"), spec.get("rows")):
            continue
        label = str(apps.get_model(spec["model"])._meta.verbose_name_plural).capitalize()
        rows.append({"label": label, "blocks": block_diff(_rows_text(old_spec), _rows_text(spec))})
    return rows


def draft_contents(draft):
    """Every field of the draft in words (to copy the text when its live item is gone)."""
    model = draft.model
    rows = []
    for field in content_fields(model, exclude=NOT_DRAFTED):
        if field.attname in draft.data.get("fields", {}):
            text = display_value(field, draft.data["fields"][field.attname])
            rows.append({"label": str(field.verbose_name).capitalize(), "text": text})
    return rows
