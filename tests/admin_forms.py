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


def draft_step(client, draft, step, **fields):
    return client.post(reverse("admin:education_draft_step", args=[draft.pk]), {"step": step, **fields})
