"""The staff's one date format (FORMAT_MODULE_PATH): "6 Dec 2026" and "6 Dec 2026, 14:05", in the
admin's lists and forms as in our own pages and messages (education/text/dates.py)."""
