"""The staff product: every model, with the columns, filters and shortcuts staff need."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FAQ,
    Article,
    ChecklistItem,
    ClinicDetails,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    Reference,
    SafetyItem,
    SelfCheckQuestion,
    Topic,
    TreatmentDayStep,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MedicalReviewer)
class MedicalReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials", "user__username"]
    autocomplete_fields = ["user"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["title", "publisher", "year", "url", "order"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "topic",
        "status",
        "featured",
        "reviewer",
        "last_reviewed",
        "reading_grade",
        "updated_at",
    ]
    list_filter = ["status", "topic", "featured", "reviewer"]
    search_fields = ["title", "summary", "key_points", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    inlines = [ReferenceInline]
    readonly_fields = ["preview_link", "reading_grade", "word_count"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "topic", "summary", "key_points", "body", "featured", "related"]},
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "preview_link"]}),
        (
            "Medical review",
            {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_notes"]},
        ),
        ("Editorial checks", {"fields": ["reading_grade", "word_count"]}),
    ]

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article first to preview it."
        url = reverse("education:article_preview", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as patients will see it</a>', url
        )


@admin.register(FAQCategory)
class FAQCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FAQ)
class FAQAdmin(SimpleHistoryAdmin):
    list_display = ["question", "category", "order", "status", "reviewer", "last_reviewed"]
    list_editable = ["order"]
    list_filter = ["status", "category", "reviewer"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        (None, {"fields": ["category", "question", "slug", "answer", "order"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
        (
            "Medical review",
            {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_notes"]},
        ),
    ]


@admin.register(SafetyItem)
class SafetyItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "order", "status", "reviewer", "last_reviewed"]
    list_editable = ["order"]
    list_filter = ["status", "kind", "reviewer"]
    search_fields = ["title", "why", "guidance"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "why", "guidance", "order"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
        (
            "Medical review",
            {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_notes"]},
        ),
    ]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ["term", "also_known_as", "updated_at"]
    search_fields = ["term", "definition", "also_known_as"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "updated_at"]

    def has_add_permission(self, request):
        return not ClinicDetails.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TreatmentDayStep)
class TreatmentDayStepAdmin(SimpleHistoryAdmin):
    list_display = ["title", "duration", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title", "description"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "section", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["section", "active"]
    search_fields = ["text"]


@admin.register(SelfCheckQuestion)
class SelfCheckQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "level", "attention_answer", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["level", "active"]
    search_fields = ["text", "help_text", "guidance"]
    prepopulated_fields = {"slug": ["text"]}
