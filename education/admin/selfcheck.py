"""The admin for the self-check questions and visit preparation (checklist, treatment-day steps).

HistoryAdmin brings drafts: an Editor's change (even unticking "active" in the list) is a draft
until a medical reviewer approves it, so /self-check/ and /prepare/ never change unreviewed."""

from django.contrib import admin

from education.admin.history import HistoryAdmin
from education.admin.lists import LabelledListEditingMixin
from education.models import ChecklistItem, SelfCheckQuestion, TreatmentDayStep


@admin.register(TreatmentDayStep)
class TreatmentDayStepAdmin(LabelledListEditingMixin, HistoryAdmin):
    list_display = ["title", "duration", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title", "description"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(LabelledListEditingMixin, HistoryAdmin):
    list_display = ["text", "section", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["section", "active"]
    search_fields = ["text"]


@admin.register(SelfCheckQuestion)
class SelfCheckQuestionAdmin(LabelledListEditingMixin, HistoryAdmin):
    list_display = ["text", "level", "attention_answer", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["level", "active"]
    search_fields = ["text", "help_text", "guidance"]
    prepopulated_fields = {"slug": ["text"]}
