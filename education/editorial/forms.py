"""Admin forms for content staff edit: no lost edits (optimistic locking) and who may publish."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from education.editorial import workflow
from education.models import Draft, Status


class UnlabelledHiddenInput(forms.HiddenInput):
    """A hidden input no label points at. Django's admin writes a label for every field in a
    fieldset, hidden ones included, and a label must name a control the user can see (HTML)."""

    def id_for_label(self, id_):
        return None


class VersionedForm(forms.ModelForm):
    """Optimistic locking: the form carries the version it was opened at, and a save is refused
    when someone else saved in between. The refused text stays on the form, and the form then
    carries the newest version, so saving again (after merging) is a deliberate choice.

    Editing live content makes a draft (education.editorial.drafts): then the form also carries
    which draft it was opened at ("id:version", empty for none), and a save over someone else's
    newer draft, or over a live change made after a form was opened without a draft, is refused."""

    opened_version = forms.IntegerField(widget=UnlabelledHiddenInput, required=False)
    opened_draft = forms.CharField(widget=UnlabelledHiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = getattr(self.instance, "version", None)
        self.fields["opened_version"].initial = version if self.instance.pk else None
        draft = getattr(self.instance, "_draft", None)
        self.fields["opened_draft"].initial = draft_token(draft)
        for name, ids in getattr(self.instance, "_draft_m2m", {}).items():
            if name in self.fields and not self.is_bound:
                self.initial[name] = ids

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # The admin saves inside one transaction: the row lock (PostgreSQL) holds until this save
        # commits, so two saves at the same moment cannot both pass the check. On SQLite one of
        # two overlapping saves fails with "database is locked" instead.
        manager = type(self.instance)._default_manager
        current = manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError(
                "This item was deleted by someone else while you edited it. Copy your text."
            )
        if getattr(self.instance, "_draft_mode", False):
            draft = Draft.objects.select_for_update().working().for_object(current).first()
            opened_draft = cleaned.get("opened_draft") or ""
            if opened_draft != draft_token(draft):
                self.data = self.data.copy()
                self.data[self.add_prefix("opened_draft")] = draft_token(draft)
                raise ValidationError(draft_conflict_message(draft), code="stale")
            if draft is not None:
                return cleaned  # a change to the live row meanwhile is merged at approval
        opened_at = cleaned.get("opened_version")
        if opened_at is not None and hasattr(current, "version") and opened_at != current.version:
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current.version
            raise ValidationError(conflict_message(current, opened_at), code="stale")
        return cleaned

    def _update_errors(self, errors):
        # A model rule about a field this user cannot edit is shown at the top of the form.
        if hasattr(errors, "error_dict"):
            remapped = {}
            for field, errs in errors.error_dict.items():
                key = field if field in self.fields or field == NON_FIELD_ERRORS else NON_FIELD_ERRORS
                remapped.setdefault(key, []).extend(errs)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


def draft_token(draft):
    """The working draft a form was opened at; an approved (frozen) change is never edited, so a form
    showing one counts as opened without a draft."""
    if draft is None or draft.state not in Draft.WORKING_STATES:
        return ""
    return f"{draft.pk}:{draft.version}"


def draft_conflict_message(draft):
    if draft is None:
        return (
            "Not saved: the draft you opened was approved or discarded meanwhile. Your text is still in the "
            "form below. Open the item in a new tab to see the live version, merge, then save again."
        )
    who = draft.updated_by or "someone else"
    when = timezone.localtime(draft.updated_at).strftime("%b %-d, %H:%M")
    return (
        f"Not saved: {who} saved a draft of this item ({when}) after you opened it. Your text is still in "
        "the form below. Open the item in a new tab to see their draft, merge the two, then save again: "
        "that save will replace their draft."
    )


def conflict_message(current, opened_at):
    return (
        f"Not saved: {workflow.saved_since(current, opened_at)} "
        "Your text is still in the form below. Open the item in a new tab to see their version, "
        "merge the two, then save again: that save will replace their version."
    )


class WorkflowForm(VersionedForm):
    """Only users who can publish are offered “published” and “archived”; a forged value is refused."""

    can_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is None or self.can_publish:
            return
        status.choices = [(Status.DRAFT, Status.DRAFT.label), (Status.IN_REVIEW, Status.IN_REVIEW.label)]
        status.error_messages["invalid_choice"] = (
            "Only medical reviewers can publish or archive. Choose “In medical review” to send it to them."
        )
        status.help_text = (
            "Choose “In medical review” when it is ready; a medical reviewer publishes it. "
            "Changes you make to published content go back to medical review."
        )
        if self.instance.status in (Status.PUBLISHED, Status.ARCHIVED):
            self.initial["status"] = Status.IN_REVIEW
