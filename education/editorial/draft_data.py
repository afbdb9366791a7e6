"""How a draft stores an admin form: field values by attname (foreign keys as ids), many-to-many
ids and inline rows, all JSON; and how it is put back on an in-memory object to show it."""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from education.editorial import workflow

# Never carried by a draft: staff-only notes save directly, sign-off is set by the approval itself,
# and the status of live content stays what it is.
DIRECT_FIELDS = ("review_notes",)
NOT_DRAFTED = ("status", *workflow.REVIEW_FIELDS, *DIRECT_FIELDS)


def content_fields(model, exclude=()):
    return [
        f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in exclude
    ]


def dump(value):
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def load(field, value):
    if value is None or isinstance(field, models.JSONField):
        return value
    return field.to_python(value)


def row_of(instance, exclude=()):
    return {f.attname: dump(f.value_from_object(instance)) for f in content_fields(type(instance), exclude)}


def m2m_fields(model):
    return [f for f in model._meta.many_to_many if f.editable]


def inline_rows(model, fk_name, parent_pk):
    fk = model._meta.get_field(fk_name)
    return [row_of(r, exclude=(fk_name,)) for r in model._default_manager.filter(**{fk.attname: parent_pk})]


def live_snapshot(obj, inline_specs=None):
    """The live row as a draft would store it (inline_specs: {prefix: {"model", "fk"}})."""
    data = {
        "fields": row_of(obj),
        "m2m": {
            f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in m2m_fields(type(obj))
        },
        "inlines": {},
    }
    for prefix, spec in (inline_specs or {}).items():
        model = apps.get_model(spec["model"])
        data["inlines"][prefix] = {**spec, "rows": inline_rows(model, spec["fk"], obj.pk)}
    return data


def formset_spec(formset):
    return {"model": formset.model._meta.label_lower, "fk": formset.fk.name}


def formset_rows(formset):
    """The rows an inline formset holds as posted: changed forms as cleaned, draft rows shown again
    unchanged (extra forms with initial values) as they were, blank and deleted forms left out."""
    rows, fk = [], formset.fk.name
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.cleaned_data:
            instance = form.instance
        elif form.initial:
            instance = formset.model()
            for field in content_fields(formset.model, exclude=(fk,)):
                if field.name in form.initial:
                    setattr(instance, field.attname, form.initial[field.name])
        else:
            continue
        rows.append(row_of(instance, exclude=(fk,)))
    return rows


def form_snapshot(obj, form, formsets):
    """What the change form holds: obj is the form's instance with the posted values applied."""
    data = {
        "fields": row_of(obj),
        "m2m": {
            f.name: sorted(item.pk for item in form.cleaned_data[f.name])
            for f in m2m_fields(type(obj))
            if f.name in form.cleaned_data
        },
        "inlines": {
            fs.prefix: {**formset_spec(fs), "rows": formset_rows(fs)} for fs in formsets if hasattr(fs, "fk")
        },
    }
    return data


def inline_specs(data):
    return {prefix: {"model": v["model"], "fk": v["fk"]} for prefix, v in data.get("inlines", {}).items()}


# --- Showing a draft -------------------------------------------------------------------------


def overlay(obj, draft):
    """Put the draft's values on the (unsaved, in-memory) live object, e.g. for the change form."""
    fields = draft.data.get("fields", {})
    for field in content_fields(type(obj), exclude=NOT_DRAFTED):
        if field.attname in fields:
            setattr(obj, field.attname, load(field, fields[field.attname]))
    obj._draft = draft
    obj._draft_m2m = draft.data.get("m2m", {})
    obj._draft_inlines = draft.data.get("inlines", {})
    return obj


def inline_initial(rows, model, fk_name):
    """Draft inline rows as form initial values (field names, python values)."""
    fields = content_fields(model, exclude=(fk_name,))
    return [{f.name: load(f, row[f.attname]) for f in fields if f.attname in row} for row in rows]


def inline_objects(draft, model):
    """Unsaved instances of the draft's rows of this inline model (for a preview)."""
    for spec in draft.data.get("inlines", {}).values():
        if spec["model"] == model._meta.label_lower:
            items = []
            for row in spec["rows"]:
                item = model()
                for field in content_fields(model, exclude=(spec["fk"],)):
                    if field.attname in row:
                        setattr(item, field.attname, load(field, row[field.attname]))
                items.append(item)
            return items
    return None
