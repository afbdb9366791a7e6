from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from education.site import seo
from education.site.security import TwoFactorAdminSite

# The one admin site every app registers with, upgraded in place (as django-otp documents) so
# DJANGO_ADMIN_2FA can require a TOTP code at sign-in.
admin.site.__class__ = TwoFactorAdminSite
admin.site.site_header = "Clinic Portal staff"
# No side menu on every admin page: lists fit 1280 px beside their filters, and the keyboard path to
# the first field is short. The content menu is on the admin home and in the breadcrumbs.
admin.site.enable_nav_sidebar = False
admin.site.site_title = "Clinic Portal staff"
admin.site.index_title = "Content"

urlpatterns = [
    path(f"{settings.ADMIN_URL}/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": seo.sitemaps}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("", include("education.urls")),
]

if settings.SERVE_MEDIA:
    # `make run` (and the browser tests): serve uploaded images too. In production the proxy serves
    # MEDIA_URL from MEDIA_ROOT itself (docs/security.md, "Images and uploads").
    from django.views.static import serve

    urlpatterns.insert(
        0,
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    )

handler400 = "education.site.errors.bad_request"
handler403 = "education.site.errors.permission_denied"
handler404 = "education.site.errors.page_not_found"
handler500 = "education.site.errors.server_error"
