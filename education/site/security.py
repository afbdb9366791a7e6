"""Security pieces Django does not ship: two policy headers, the 2FA admin site, private error reports.

See "Security" in the README for what is enforced and how to verify it.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.views.debug import SafeExceptionReporterFilter
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class SecurityHeadersMiddleware:
    """Permissions-Policy (no camera, microphone, location…) and Cross-Origin-Resource-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Password plus one code box: six digits are the authenticator app's code, anything else a
    recovery code (so staff never have to pick a "device" first)."""

    otp_error_messages = OTPAdminAuthenticationForm.otp_error_messages | {
        "device_required": "No authenticator app is enrolled for this account: ask the IT contact.",
        "invalid_token": "That code did not work. Check the time on your phone and try the newest code.",
    }

    def _chosen_device(self, user):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        device_model = TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
        return device_model.objects.devices_for_user(user).first()


class TwoFactorAdminSite(AdminSite):
    """The Django admin; with settings.ADMIN_2FA on, staff also need a code from their TOTP device.

    Read at request time (not import time), so the switch can be flipped in tests and
    the admin behaves exactly like the plain Django admin when it is off.
    """

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_2FA else AdminAuthenticationForm

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_2FA or request.user.is_verified()

    def each_context(self, request):
        return super().each_context(request) | {"two_factor_required": settings.ADMIN_2FA}


class PatientDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports never carry what patients typed: every POST value and, outside the admin,
    every local variable of a POST request is replaced by stars."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if request is not None and request.method == "POST" and not _is_admin(request):
            return [(name, self.cleansed_substitute) for name, _value in variables]
        return variables


def _is_admin(request):
    return request.path.startswith(f"/{settings.ADMIN_URL}/")
