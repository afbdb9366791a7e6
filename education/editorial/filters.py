"""Admin list filters shared by all reviewed content: medical review due dates and schedules."""

from django.contrib import admin
from django.utils import timezone

from education.editorial import workflow
from education.models import Status


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
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if self.value() == "ending":
            return queryset.published(now=now).filter(unpublish_at__isnull=False)
        return queryset
