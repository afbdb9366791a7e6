from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Clinic Portal staff"
admin.site.site_title = "Clinic Portal staff"
admin.site.index_title = "Content"

urlpatterns = [
    path(f"{settings.ADMIN_URL}/", admin.site.urls),
    path("", include("education.urls")),
]

handler404 = "education.errors.page_not_found"
handler500 = "education.errors.server_error"
