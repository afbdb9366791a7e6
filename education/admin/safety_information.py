"""Admin for the "Important safety information" block: written once, shown on every page it belongs to."""

from django.contrib import admin

from education.admin.history import HistoryAdmin
from education.content.editor import RichTextAdminMixin
from education.models import SafetyInformation


@admin.register(SafetyInformation)
class SafetyInformationAdmin(RichTextAdminMixin, HistoryAdmin):
    rich_text_fields = ("body",)  # the editor, with the FAQ answer's toolbar (content/editor.py)
    list_display = ["title", "slug", "active", "show_on_safety_page", "show_on_prepare_page", "updated_at"]
    list_filter = ["active"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["articles"]  # a search box, never a <select> of every article
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "active"]}),
        (
            "Where it is shown",
            {
                "fields": ["articles", "show_on_safety_page", "show_on_prepare_page"],
                "description": "Edit the text once here: every page listed below shows the same block.",
            },
        ),
    ]
