"""Two-factor set-up in the browser: a staff member adds their own authenticator app.

The admin's "Two-factor sign-in" page (admin:two_factor): a QR code drawn here on the server
(inline SVG, no image service), a code from the app to confirm it, and ten recovery codes shown
once. Built on the django-otp devices the sign-in form already checks (TOTPDevice, StaticDevice)
plus `qrcode`, rather than django-two-factor-auth, whose own sign-in wizard would replace the
one-box sign-in form and its django-axes lockout (education/site/security.py).

Who may set up an app, written once in `may_set_up`: a staff member with no app yet (straight
after their password sign-in), or one whose session was opened with a code (to replace the app).
A password alone never replaces an existing app.
"""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

RECOVERY_CODES = 10
SESSION_KEY = "two_factor_setup_key"  # the new app's secret, kept on the server until confirmed


def must_set_up(user):
    """Two-factor sign-in is on and this signed-in staff member has no app yet."""
    return (
        settings.ADMIN_2FA
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not verified(user)
        and not user_has_device(user)
    )


def may_set_up(user):
    return user.is_active and user.is_staff and (verified(user) or not user_has_device(user))


def verified(user):
    """This session was opened with a code (django-otp's is_verified(), also right after login(),
    when request.user is the form's user and the middleware's accessor is not installed)."""
    return getattr(user, "otp_device", None) is not None


def replace_devices(user, device):
    """Make `device` the account's one authenticator app, with fresh recovery codes; returns the codes.

    Every older app and recovery code stops working. Used by this page and `enrol_totp`.
    """
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    recovery.token_set.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


def qr_svg(data):
    """The QR code as an inline <svg> element (drawn here: the secret never leaves the server)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by CSS (.two-factor-qr); the picture's meaning is in the text beside it.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def setup_view(request, admin_site):
    """GET: the account's state, or the QR code and the confirm box. POST: confirm a code."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=admin_site.name))
    context = admin_site.each_context(request) | {
        "title": "Two-factor sign-in",
        "must_set_up": must_set_up(user),
        "may_set_up": may_set_up(user),
        "device": TOTPDevice.objects.devices_for_user(user).first(),
        "recovery_left": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
    }
    status = 200
    if request.method == "POST":
        if not context["may_set_up"]:
            # A session opened with a password alone never replaces an existing app.
            return _render(request, context, status=403)
        key = request.session.get(SESSION_KEY)
        if key is None:
            context["error"] = "This set-up page has expired. Scan the new QR code below and try again."
            status = 400
        else:
            codes = _confirm(request, key, request.POST.get("otp_token", ""))
            if codes:
                del request.session[SESSION_KEY]
                return _render(request, context | {"recovery_codes": codes, "next": _next(request)})
            context["error"] = (
                "That code did not match. Type the newest 6-digit code your app shows for "
                "“Clinic Portal”; if it keeps failing, check that the phone’s clock is set automatically."
            )
            status = 400
    setting_up = context["may_set_up"] and (
        context["device"] is None or request.GET.get("new") or request.method == "POST"
    )
    if setting_up:
        key = request.session.setdefault(SESSION_KEY, default_key())
        pending = TOTPDevice(user=user, key=key)  # never saved: only to draw its address
        context |= {
            "setting_up": True,
            "qr_svg": qr_svg(pending.config_url),
            "secret": _grouped(b32encode(pending.bin_key).decode()),
            "next": _next(request),
        }
    return _render(request, context, status=status)


@transaction.atomic
def _confirm(request, key, token):
    """The new app's first code checks out: make it the account's app and mark this session verified."""
    device = TOTPDevice.objects.create(user=request.user, key=key, name="Authenticator app", confirmed=False)
    if not device.verify_token(token.strip()):
        transaction.set_rollback(True)  # nothing is stored for a wrong code
        return None
    codes = replace_devices(request.user, device)
    otp_login(request, device)
    return codes


def _next(request):
    """Where "Continue" goes: the page the staff member was on its way to, on this site only."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _render(request, context, status=200):
    response = TemplateResponse(request, "admin/two_factor.html", context, status=status)
    add_never_cache_headers(response)  # the secret and the recovery codes are never cached
    return response


def to_set_up(request):
    """After a password sign-in: an account that must set up an app is led to this page."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    query = f"?{urlencode({REDIRECT_FIELD_NAME: target})}" if target else ""
    return redirect(reverse("admin:two_factor") + query)
