"""The image library in the admin: upload, list with thumbnails, search, where used, safe delete.

Also the two small JSON lists the editor's toolbar reads: library images (for "insert image")
and our own pages (for "link to one of our pages").
"""

import errno
import logging

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from education.content.golinks import link_targets
from education.content.images import (
    ACCEPT_ATTRIBUTE,
    MAX_UPLOAD_BYTES,
    check_and_clean,
    delete_files,
    discard,
    store,
)
from education.editorial import workflow
from education.models import Image

logger = logging.getLogger(__name__)


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Image file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=(
            f"A JPEG, PNG or WebP picture, up to {MAX_UPLOAD_BYTES // 2**20} MB. It is re-saved without "
            "its hidden details (camera, date, GPS position) and in a few sizes for phones and computers."
        ),
    )

    class Meta:
        model = Image
        fields = ["upload", "alt_text", "decorative", "caption", "credit"]
        widgets = {
            "alt_text": forms.TextInput(attrs={"size": 80}),
            "caption": forms.TextInput(attrs={"size": 80}),
        }

    # Set by ImageAdmin: whether this user approves content (a medical reviewer).
    may_approve = False

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.changed_data:
            refusal = change_refusal(self.instance, self.may_approve)
            if refusal:
                raise forms.ValidationError(refusal)
        upload = cleaned.get("upload")
        if upload:
            try:
                self.cleaned_image = check_and_clean(upload)
            except forms.ValidationError as error:
                self.add_error("upload", error)
        elif not self.instance.pk:
            self.add_error("upload", "Choose the image file to upload.")
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # the model's own checks (alt text) come first: no files for a refusal
        self.written_files, self.storage_failed = [], False
        if getattr(self, "cleaned_image", None) is None or self.errors:
            return
        try:
            self.stored = store(self.cleaned_image, written=self.written_files)
        except OSError as error:
            logger.error("Image upload could not be stored: %s", error)
            self.storage_failed = True
            self.add_error(None, storage_failure_message(error))

    def save(self, commit=True):
        image = super().save(commit=False)
        for name, value in getattr(self, "stored", {}).items():
            setattr(image, name, value)
        if commit:
            image.save()
        return image


def storage_failure_message(error):
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        cause = "the server's disk is full"
    else:
        cause = f"the server could not write the file ({error.strerror or error})"
    return (
        f"Nothing was saved: {cause}. Ask the clinic's IT person to make room or fix the storage, "
        "then choose the file again and save (what you typed is kept below)."
    )


def change_refusal(image, may_approve):
    """Why this user may not change this image now (None if they may).

    Pages that show the image take its file, alt text and caption when they are rendered: a live
    page at once, a draft when it is approved or goes live. So a change is a change to those pages.
    """
    uses = image.protected_usages()
    scheduled = [where for where, state in uses if state == image.SCHEDULED]
    if scheduled:
        # Even a reviewer's change: it would go live under an approval signed for the old picture.
        return (
            f"This image is in a change a medical reviewer approved to go live later "
            f"({', '.join(scheduled)}), and that approval covers the picture, its alt text and its "
            "caption as they are, so no one can change the image now. Upload the new picture as a "
            "new image and put it into a new draft of each page; or, if the approved change must not "
            "go live as it is, a medical reviewer takes it back (sends it back or discards it) first."
        )
    if uses and not may_approve:
        listed = ", ".join(f"{where} ({state})" for where, state in uses)
        return (
            f"This image is on live pages or in content under medical review ({listed}), so "
            "changing it changes what patients see, or what a reviewer is checking, past review: a "
            "medical reviewer makes such changes. Ask one to make this change, or upload a corrected "
            "copy as a new image and put it into a draft of each page."
        )
    return None


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "caption", "decorative", "size", "used_in", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    list_filter = ["decorative"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "where_used"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.may_approve = workflow.can_approve(request.user, Image)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        adminform = (getattr(response, "context_data", None) or {}).get("adminform")
        if adminform is not None and getattr(adminform.form, "storage_failed", False):
            response.status_code = 503  # the server's fault, not the file's; the form is shown again
        return response

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except BaseException:
            discard(form.written_files)  # no files without their row
            raise

    def get_fieldsets(self, request, obj=None):
        details = ["upload", "alt_text", "decorative", "caption", "credit"]
        if obj is None:
            return [(None, {"fields": details})]
        return [
            (None, {"fields": ["preview", *details]}),
            ("Where this image is used", {"fields": ["where_used"]}),
        ]

    @admin.display(description="Image")
    def thumbnail(self, obj):
        # The first column is the link to the image's page: its alt text is that link's name.
        return format_html(
            '<img class="image-thumb" src="{}" alt="{}" width="128">',
            obj.smallest_url,
            obj.alt_text or f"Decorative image {obj.pk}",
        )

    @admin.display(description="Current image")
    def preview(self, obj):
        return format_html(
            '<img class="image-thumb" src="{}" alt="{}" width="240"> <span>{} x {} pixels</span>',
            obj.smallest_url,
            obj.alt_text,
            obj.width,
            obj.height,
        )

    @admin.display(description="Size")
    def size(self, obj):
        return f"{obj.width} x {obj.height}"

    @admin.display(description="Used in")
    def used_in(self, obj):
        count = len(obj.usages())
        return f"{count} page{'s' if count != 1 else ''}" if count else "Not used"

    @admin.display(description="Used in")
    def where_used(self, obj):
        usages = obj.usages()
        review_drafts = obj.review_drafts()
        if not usages and not review_drafts:
            return "Not used yet: insert it with the image button in a text's toolbar."
        states = {state for _where, state in obj.protected_usages()}
        note = ""
        if obj.SCHEDULED in states:
            note = (
                "A change approved to go live later shows this image, so no one can change it until "
                "that change is live: upload a new image instead."
            )
        elif states:
            note = (
                "Changes here show on live pages at once, or change what a medical reviewer is "
                "checking, so only a medical reviewer can change this image."
            )
        rows = [
            (
                kind.capitalize(),
                reverse(f"admin:education_{item._meta.model_name}_change", args=[item.pk]),
                item,
                "",
            )
            for kind, item in usages
        ] + [
            (f"Draft of the {draft.kind}", draft.get_absolute_url(), draft.title, draft.get_state_display())
            for draft in review_drafts
        ]
        return format_html(
            "<ul>{}</ul>{}",
            format_html_join("", '<li>{}: <a href="{}">{}</a> {}</li>', rows),
            format_html("<p>{}</p>", note) if note else "",
        )

    # Deleting: refused while any text shows the image, with where it is used.

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for kind, item in image.usages():
                protected.append(f"“{image}” is used in the {kind} “{item}”: take it out there first.")
            for draft in image.review_drafts():
                protected.append(
                    f"“{image}” is used in the draft of the {draft.kind} “{draft.title}” "
                    f"({draft.get_state_display().lower()}): it must stay while that draft is open."
                )
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        self._refuse_if_used([obj])
        super().delete_model(request, obj)
        transaction.on_commit(lambda: delete_files(obj))

    def delete_queryset(self, request, queryset):
        images = list(queryset)
        self._refuse_if_used(images)
        super().delete_queryset(request, queryset)
        transaction.on_commit(lambda: [delete_files(image) for image in images])

    @staticmethod
    def _refuse_if_used(images):
        if any(image.usages() or image.review_drafts() for image in images):
            raise PermissionDenied("An image that is in use cannot be deleted.")

    # The editor's toolbar lists.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("choose/", view(self.choose_view), name="education_image_choose"),
            path("link-targets/", view(self.link_targets_view), name="education_image_link_targets"),
            *super().get_urls(),
        ]

    def choose_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_queryset(request)
        query = request.GET.get("q", "")[:100]
        if query:
            queryset, _ = self.get_search_results(request, queryset, query)
        images = [
            {"id": image.pk, "alt": image.alt_text, "caption": image.caption, "thumb": image.smallest_url}
            for image in queryset[:60]
        ]
        return JsonResponse({"images": images})

    def link_targets_view(self, request):
        user = request.user
        if not (user.has_perm("education.view_article") or user.has_perm("education.change_article")):
            raise PermissionDenied
        return JsonResponse({"targets": link_targets(request.GET.get("q", "")[:100])})
