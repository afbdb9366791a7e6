"""Enrol a staff member's authenticator app (TOTP) for the admin's two-factor sign-in.

    python manage.py enrol_totp alice            # first device, plus 10 one-time recovery codes
    python manage.py enrol_totp alice --replace  # lost phone: remove old devices, enrol a new one

Staff can also do this themselves, in the browser ("Two-factor sign-in" at the top of the admin;
education/site/two_factor.py); this command is for IT. Scan the QR code (or type the secret) into
any authenticator app. The recovery codes work
once each in place of an app code; keep them somewhere safe, away from the phone.
"""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from education.site.two_factor import replace_devices


class Command(BaseCommand):
    help = "Enrol an authenticator app (TOTP) for a staff account, and print one-time recovery codes."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the account's existing devices and recovery codes first (lost or new phone).",
        )

    @transaction.atomic
    def handle(self, username, replace, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f'No account named "{username}".') from None
        if not user.is_staff:
            raise CommandError(f'"{username}" is not a staff account; only staff use the admin.')

        existing = TOTPDevice.objects.devices_for_user(user)
        if existing.exists() and not replace:
            raise CommandError(
                f'"{username}" already has an authenticator app. Use --replace to enrol a new one '
                "(the old one stops working)."
            )
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        codes = replace_devices(user, device)  # the same as set-up in the browser: old app and codes go

        self.stdout.write(f"Scan this QR code with the authenticator app of {username}:\n")
        self.stdout.write(_qr_text(device.config_url))
        self.stdout.write(f"Or add this address to the app by hand:\n  {device.config_url}\n")
        self.stdout.write("One-time recovery codes (each works once, in place of an app code):")
        for code in codes:
            self.stdout.write(f"  {code}")
        self.stdout.write(self.style.SUCCESS(f"Two-factor sign-in is set up for {username}."))


def _qr_text(data):
    qr = qrcode.QRCode(border=1)
    qr.add_data(data)
    out = io.StringIO()
    qr.print_ascii(out=out)
    return out.getvalue()
