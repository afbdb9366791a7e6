"""Django's own staff account and group pages, with plain labelled multiple selects.

The filter_horizontal boxes Django uses for groups and permissions are drawn by a script that puts
aria-label on a <span> with no role (axe: aria-prohibited-attr), like select2 on MedicalReviewer.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User


class PlainSelectsMixin:
    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.widget.attrs.setdefault("size", 12 if db_field.name.endswith("permissions") else 4)
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(PlainSelectsMixin, UserAdmin):
    pass


@admin.register(Group)
class StaffGroupAdmin(PlainSelectsMixin, GroupAdmin):
    pass
