"""Dates and times in the one format staff read everywhere (clinic_portal/formats): "6 Dec 2026" and
"6 Dec 2026, 14:05" (local time), for messages and e-mails written in Python."""

from django.utils import formats, timezone


def staff_date(value):
    return formats.date_format(value, "DATE_FORMAT")


def staff_datetime(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def staff_day_time(value):
    """A time this year without the year: "6 Dec, 14:05"."""
    return formats.date_format(timezone.localtime(value), "j M, H:i")
