"""Security pieces Django does not ship: two policy headers, the 2FA admin site, private error reports.

See docs/security.md for what is enforced and how to verify it.
"""

import ipaddress

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.urls import path
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor


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

    # One message for every way a sign-in fails: the page never tells whether the password was
    # right before the code was checked (a password guesser learns nothing from the code step).
    error_messages = OTPAdminAuthenticationForm.error_messages | {
        "invalid_login": (
            "Sign-in did not work. Check your username, password and the newest code from your "
            "authenticator app (or a recovery code), then try again. After 5 failed tries, "
            "sign-in is locked for one hour."
        ),
    }

    def clean_otp(self, user):
        # An account with no app yet signs in with its password alone and is led straight to
        # set-up (TwoFactorAdminSite.login); until then has_permission() keeps the admin shut.
        if user is not None and not user_has_device(user):
            user.otp_device = None
            return
        super().clean_otp(user)

    def _chosen_device(self, user):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        device_model = TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
        return device_model.objects.devices_for_user(user).first()

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if self.user_cache is not None:
                # The password was right but the code (or the account) was not: a failed sign-in
                # for django-axes' lockout, exactly like a wrong password.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": self.cleaned_data.get("username")},
                    request=self.request,
                )
                self.user_cache = None
            raise self.get_invalid_login_error() from None


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

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        if two_factor.must_set_up(request.user):
            return two_factor.to_set_up(request)
        return response

    def get_urls(self):
        view = never_cache(csrf_protect(self.two_factor_setup))
        return [path("two-factor/", view, name="two_factor"), *super().get_urls()]

    def two_factor_setup(self, request):
        return two_factor.setup_view(request, self)

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


def client_ip_address(request):
    """The visitor's address for django-axes (AXES_CLIENT_IP_CALLABLE).

    Only when the request comes from one of settings.PROXY_ADDRESSES (set with
    DJANGO_BEHIND_TLS_PROXY and DJANGO_PROXY_ADDRESSES) is the proxy's X-Real-IP header believed;
    the proxy overwrites it with the address it saw. Anyone else's header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.PROXY_ADDRESSES and _address_in(remote, settings.PROXY_ADDRESSES):
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return remote


def _address_in(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


def _is_admin(request):
    return request.path.startswith(f"/{settings.ADMIN_URL}/")
