"""Helpers for posting real admin forms the way a staff member's browser does."""

from django.urls import reverse


def change_url(obj):
    return reverse(f"admin:education_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(response):
    """Everything the change page holds (main form and inline rows), as the browser would post it."""
    data = {}
    adminform = response.context["adminform"].form
    for name in adminform.fields:
        value = adminform[name].value()
        if name in ("publish_at", "unpublish_at"):
            data[f"{name}_0"] = data[f"{name}_1"] = ""
        elif isinstance(value, list):
            data[name] = value
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def edit_in_admin(client, obj, **changes):
    """Open the change page, change some fields, press Save; returns the response."""
    url = change_url(obj)
    data = form_data(client.get(url)) | changes
    for name in [k for k, v in changes.items() if v is False]:
        data.pop(name, None)  # an unticked checkbox is simply not posted
    return client.post(url, data)


def save_and_submit(client, obj, note="", **changes):
    """Change some fields on the change page and press "Save and submit for medical review"."""
    url = change_url(obj)
    data = form_data(client.get(url)) | changes | {"_review_note": note, "_save_and_submit": "1"}
    return client.post(url, data)


def draft_step(client, draft, step, **fields):
    """Press a button on the draft's review page; an approval carries the version the page shows now
    (pass version=... to post an older one, as a page loaded earlier would)."""
    if step == "approve":
        from education.models import Draft

        now = Draft.objects.filter(pk=draft.pk).values_list("version", flat=True).first()
        fields.setdefault("version", now)
    return client.post(reverse("admin:education_draft_step", args=[draft.pk]), {"step": step, **fields})


def discard_confirmed(client, draft, version=None):
    """Discard from the "Are you sure?" page (it posts the confirmation and the version it showed)."""
    from education.models import Draft

    if version is None:
        version = Draft.objects.filter(pk=draft.pk).values_list("version", flat=True).first()
    url = reverse("admin:education_draft_discard", args=[draft.pk])
    return client.post(url, {"confirm": "yes", "version": version})


def workflow_step(client, obj, step, **fields):
    """Press a step button on an item's change page (it carries the version the page shows now)."""
    obj.refresh_from_db()
    url = reverse(f"admin:education_{obj._meta.model_name}_transition", args=[obj.pk])
    return client.post(url, {"step": step, "version": obj.version, **fields})


def changelist_post(client, obj, **fields):
    """The list page's editable columns (order, active), saved with the list's Save button."""
    model = type(obj)
    url = reverse(f"admin:education_{model._meta.model_name}_changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(obj.pk),
        "_save": "Save",
    }
    for name, value in fields.items():
        if value is True:
            data[f"form-0-{name}"] = "on"
        elif value is not False:
            data[f"form-0-{name}"] = str(value)
    return client.post(url, data)
