"""Admin list filters shared by all reviewed content: medical review due dates and schedules."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from education.editorial import workflow
from education.models import Draft


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue or never reviewed"),
            ("due_soon", f"Due within {workflow.DUE_SOON_DAYS} days"),
            ("ok", "Up to date"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in ("overdue", "due_soon", "ok"):
            return queryset
        # The due date is derived (date + months), so it is computed in Python; content lists are small.
        today = timezone.localdate()
        wanted = [
            obj.pk
            for obj in queryset.select_related(None).only("pk", "last_reviewed", "review_interval_months")
            if workflow.review_state(obj, today) == self.value()
        ]
        return queryset.filter(pk__in=wanted)


class ScheduleFilter(admin.SimpleListFilter):
    title = "schedule"
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [
            ("live", "Patients can see it now"),
            ("scheduled", "Scheduled to go live"),
            ("ending", "Scheduled to be hidden"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.published(now=now)
        if self.value() == "scheduled":
            return queryset.scheduled(now=now)
        if self.value() == "ending":
            return queryset.published(now=now).filter(unpublish_at__isnull=False)
        return queryset


class DraftFilter(admin.SimpleListFilter):
    """Live items by the state of their open draft (drafts: education.editorial.drafts)."""

    title = "draft"
    parameter_name = "draft"

    def lookups(self, request, model_admin):
        return [
            (state, label) for state, label in Draft.State.choices if state not in ("applied", "discarded")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        content_type = ContentType.objects.get_for_model(queryset.model)
        ids = Draft.objects.open().filter(content_type=content_type, state=self.value()).values("object_id")
        return queryset.filter(pk__in=ids)
