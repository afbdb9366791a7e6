"""Admin sign-in: five wrong passwords lock that username from that address for an hour."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

RIGHT = "correct horse battery staple"
OFFICE = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


def sign_in(client, username, password, address=OFFICE):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail(client, times, username="admin", address=OFFICE):
    for _ in range(times):
        sign_in(client, username, "wrong password", address)


def test_four_wrong_passwords_still_let_the_right_one_in(client, superuser):
    fail(client, 4)
    response = sign_in(client, "admin", RIGHT)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_fifth_wrong_password_locks_the_account_with_a_clear_message(client, superuser):
    fail(client, 4)
    response = sign_in(client, "admin", "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked for one hour" in page
    assert "5 wrong passwords" in page


def test_locked_account_refuses_even_the_right_password(client, superuser):
    fail(client, 5)
    response = sign_in(client, "admin", RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, superuser, editor):
    fail(client, 5)
    assert sign_in(client, "admin", RIGHT, address=ELSEWHERE).status_code == 302
    client.logout()
    assert sign_in(client, "editor", RIGHT).status_code == 302


def test_unlock_command_lets_the_staff_member_sign_in_again(client, superuser):
    fail(client, 5)
    call_command("axes_reset_username", "admin", verbosity=0)
    assert sign_in(client, "admin", RIGHT).status_code == 302


def test_lockout_ends_after_one_hour(client, superuser):
    fail(client, 5)
    an_hour_ago = AccessAttempt.objects.get().attempt_time - datetime.timedelta(hours=1, minutes=1)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)
    assert sign_in(client, "admin", RIGHT).status_code == 302


def test_admin_lives_under_the_configured_prefix():
    show_login_url = "from django.urls import reverse; print(reverse('admin:login'))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", show_login_url],
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": os.environ["PATH"], "DJANGO_ADMIN_URL": "staff-area"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "/staff-area/login/", result.stderr
