"""The real URLconf plus three views that fail on purpose, to see the error pages patients would get."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from clinic_portal import urls as real


def broken(request):
    raise RuntimeError("SECRET-DETAIL: something broke deep inside")


def suspicious(request):
    raise SuspiciousOperation("SECRET-DETAIL: a malformed request")


def forbidden(request):
    raise PermissionDenied("SECRET-DETAIL: not for you")


urlpatterns = [
    path("broken/", broken),
    path("bad-request/", suspicious),
    path("forbidden/", forbidden),
    *real.urlpatterns,
]

handler400 = real.handler400
handler403 = real.handler403
handler404 = real.handler404
handler500 = real.handler500
