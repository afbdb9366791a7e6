"""Two-factor set-up in the browser (admin:two_factor): a staff member adds their own authenticator app.

The page's promises, attacked the way they would be broken: a wrong code, a replayed or forged
POST, a password-only session trying to replace an app, a POST naming someone else.
"""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.site.test_two_factor import PASSWORD, current_code, enrol, sign_in

SETUP = "/admin/two-factor/"


@pytest.fixture
def two_factor_on(settings):
    settings.ADMIN_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's slow-down after wrong codes: not under test


def secret_on(page):
    """The key the page shows for typing by hand, as an authenticator app would read it."""
    return b32decode(re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page)[1].replace(" ", ""))


def code_for(key, offset=0):
    return f"{totp(key, drift=offset):06d}"


def tokens_of(user):
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def recovery_codes_on(page):
    return re.findall(r"<li><code>([a-z0-9]{8})</code></li>", page)


def test_staff_member_sets_up_an_app_after_password_sign_in_and_is_verified(client, editor, two_factor_on):
    response = sign_in(client, "editor", "")
    assert response["Location"] == SETUP + "?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert re.search(r"class=\"two-factor-qr\"><svg [^>]*><path d=", page)  # the QR code, drawn on the server
    key = secret_on(page)

    done = client.post(SETUP, {"otp_token": code_for(key), "next": "/admin/"})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    codes = recovery_codes_on(done.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == tokens_of(editor)
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and device.bin_key == key
    # This session was opened by confirming the app: the admin opens.
    assert client.get(reverse("admin:index")).status_code == 200


def test_recovery_codes_are_shown_once(client, editor, two_factor_on):
    sign_in(client, "editor", "")
    key = secret_on(client.get(SETUP).content.decode())
    codes = recovery_codes_on(client.post(SETUP, {"otp_token": code_for(key)}).content.decode())
    again = client.get(SETUP).content.decode()
    assert "Recovery codes left: 10" in again
    assert not any(code in again for code in codes)
    # Sending the same confirmation again (a reload) shows no codes either, and changes nothing.
    repeat = client.post(SETUP, {"otp_token": code_for(key)})
    assert not recovery_codes_on(repeat.content.decode())
    assert tokens_of(editor) == sorted(codes)


def test_a_wrong_code_is_refused_with_a_clear_message_and_nothing_is_stored(client, editor, two_factor_on):
    sign_in(client, "editor", "")
    page = client.get(SETUP).content.decode()
    key = secret_on(page)
    wrong = f"{(int(code_for(key)) + 1) % 1000000:06d}"
    for bad in (wrong, "", "abcdef", "1" * 500):
        response = client.post(SETUP, {"otp_token": bad})
        assert response.status_code == 400
        assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert client.get(reverse("admin:index")).status_code == 302
    # The same QR code stays valid: the app the person already scanned still works.
    assert secret_on(client.get(SETUP).content.decode()) == key
    assert client.post(SETUP, {"otp_token": code_for(key)}).status_code == 200


def test_a_post_without_a_set_up_page_first_is_refused(client, editor, two_factor_on):
    sign_in(client, "editor", "")
    client.session.pop("two_factor_setup_key", None)  # sign-in redirected, but the page was never opened
    response = client.post(SETUP, {"otp_token": "123456"})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_a_forged_post_cannot_choose_the_key_or_enrol_someone_else(client, editor, superuser, two_factor_on):
    enrol("admin")
    admin_key = TOTPDevice.objects.get(user=superuser).key
    sign_in(client, "editor", "")
    key = secret_on(client.get(SETUP).content.decode())
    chosen = bytes(range(20))
    response = client.post(
        SETUP,
        {"otp_token": code_for(key), "user": superuser.pk, "username": "admin", "key": chosen.hex()},
    )
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=editor).bin_key == key  # the server's key, for the session's user
    assert TOTPDevice.objects.get(user=superuser).key == admin_key  # the other account is untouched
    assert StaticToken.objects.filter(device__user=superuser).count() == 10


def test_a_password_alone_never_replaces_an_existing_app(client, editor, two_factor_on):
    enrol("editor")
    old_key = TOTPDevice.objects.get(user=editor).key
    client.force_login(editor)  # e.g. a session from before two-factor sign-in was switched on
    page = client.get(SETUP + "?new=1").content.decode()
    assert "two-factor-qr" not in page
    assert "sign in with a code from your app" in page
    forged = client.post(SETUP, {"otp_token": "123456"})
    assert forged.status_code == 403
    assert TOTPDevice.objects.get(user=editor).key == old_key


def test_a_signed_in_staff_member_replaces_their_app_and_the_old_one_stops_working(
    client, editor, two_factor_on
):
    enrol("editor")
    old_codes = set(tokens_of(editor))
    assert sign_in(client, "editor", current_code(editor)).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "Recovery codes left: 10" in page and "two-factor-qr" not in page
    key = secret_on(client.get(SETUP + "?new=1").content.decode())
    done = client.post(SETUP, {"otp_token": code_for(key)})
    assert len(recovery_codes_on(done.content.decode())) == 10
    assert [device.bin_key for device in TOTPDevice.objects.filter(user=editor)] == [key]
    assert not old_codes & set(tokens_of(editor))
    client.logout()
    assert sign_in(client, "editor", old_codes.pop()).status_code == 200  # refused


def test_only_signed_in_staff_reach_the_page(client, db, django_user_model, two_factor_on):
    assert client.get(SETUP)["Location"].startswith(reverse("admin:login"))
    assert client.post(SETUP, {"otp_token": "123456"}).status_code == 302
    patient = django_user_model.objects.create_user("patient", password=PASSWORD)
    client.force_login(patient)
    assert client.get(SETUP)["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_the_staff_area_links_to_the_page(client, editor, two_factor_on):
    enrol("editor")
    sign_in(client, "editor", current_code(editor))
    assert f'href="{SETUP}"' in client.get(reverse("admin:index")).content.decode()


def test_a_cross_site_post_without_the_csrf_token_is_refused(editor, two_factor_on):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    browser.get(SETUP)
    assert browser.post(SETUP, {"otp_token": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=editor).exists()
