"""Two-factor set-up in real Chromium, end to end: a new staff member signs in with a password,
is told the account needs an authenticator app, reads the key off the set-up page (as an app reads
the QR code), types the app's code (computed here), keeps the recovery codes shown once, reaches
the admin, and later signs in with a recovery code. axe-core passes on each page."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from .test_draft_review_flow import PASSWORD, assert_accessible, run_in_thread

USERNAME = "browser-new-staff"


@pytest.fixture
def new_staff_member(site, django_db_blocker, settings):
    settings.ADMIN_2FA = True  # read per request, so the live server's thread sees it too

    def create():
        from django.contrib.auth.models import Group, User

        with django_db_blocker.unblock():
            user = User.objects.create_user(USERNAME, "new@clinic.example", PASSWORD, is_staff=True)
            user.groups.add(Group.objects.get(name="Editors"))

    run_in_thread(create)
    return USERNAME


def sign_in_form(page, site, username, code=""):
    page.goto(site.url + site.paths["admin-login"])
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=otp_token]", code)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def test_new_staff_member_sets_up_two_factor_sign_in_in_the_browser(visitor, site, new_staff_member):
    page = visitor.new_page()
    sign_in_form(page, site, new_staff_member)
    assert "/admin/two-factor/" in page.url
    assert "Your account also needs two-factor sign-in" in page.content()
    assert "Sign-in did not work" not in page.content()
    qr = page.locator(".two-factor-qr svg").bounding_box()
    assert qr["width"] >= 150 and qr["height"] >= 150, "the QR code is too small to scan"
    assert_accessible(visitor, page, "two-factor set-up page")

    key = b32decode(page.locator("#two-factor-secret").inner_text().replace(" ", ""))
    wrong = f"{(totp(key) + 1) % 1000000:06d}"
    page.get_by_label("Code from the app").fill(wrong)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and finish set-up").click()
    assert "That code did not match" in page.content()
    assert_accessible(visitor, page, "two-factor set-up page with a wrong code")

    page.get_by_label("Code from the app").fill(f"{totp(key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and finish set-up").click()
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z0-9]{8}", code) for code in codes)
    assert "shown only this once" in page.content()
    assert_accessible(visitor, page, "recovery codes page")

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("continue to the staff area")).click()
    assert page.url.endswith("/admin/")
    assert page.locator("#content-main").is_visible() and "/login/" not in page.url

    # Another day, phone left at home: a recovery code opens the admin, once.
    later = visitor.new_page()
    sign_in_form(later, site, new_staff_member, codes[0])
    assert later.url.endswith("/admin/"), later.url
    again = visitor.new_page()
    sign_in_form(again, site, new_staff_member, codes[0])
    assert "Sign-in did not work" in again.content()
