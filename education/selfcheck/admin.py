"""The admin for the self-check questions and visit preparation (checklist, treatment-day steps)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from education.models import ChecklistItem, SelfCheckQuestion, TreatmentDayStep
from education.site.admin_lists import LabelledListEditingMixin


@admin.register(TreatmentDayStep)
class TreatmentDayStepAdmin(LabelledListEditingMixin, SimpleHistoryAdmin):
    list_display = ["title", "duration", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title", "description"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(LabelledListEditingMixin, SimpleHistoryAdmin):
    list_display = ["text", "section", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["section", "active"]
    search_fields = ["text"]


@admin.register(SelfCheckQuestion)
class SelfCheckQuestionAdmin(LabelledListEditingMixin, SimpleHistoryAdmin):
    list_display = ["text", "level", "attention_answer", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["level", "active"]
    search_fields = ["text", "help_text", "guidance"]
    prepopulated_fields = {"slug": ["text"]}
