"""Phone numbers as staff type them, and as tel: links a phone can dial (RFC 3966).

US numbers only (the portal serves US clinics): ten digits with the area code, "+1" or "1" in
front allowed, spaces, dots, dashes and brackets ignored. A few lines of ours rather than the
`phonenumbers` library, whose world-wide numbering data this one country's rule does not need.
"""

import re

# Area code and exchange each start with 2-9 (the North American Numbering Plan).
_US_NUMBER = re.compile(r"(?:\+?1)?([2-9]\d\d)([2-9]\d\d)(\d{4})")
_SEPARATORS = re.compile(r"[\s().-]+")

# The national crisis and emergency lines, linked as "tel:988" and "tel:911". RFC 3966 would have
# a local number carry ";phone-context=+1", but Android's dialer then shows "988;7466...+1"
# instead of dialling: for these lines, the link that works on every phone wins.
CRISIS_LINES = ("988", "911")

INVALID_PHONE = (
    "Enter a US phone number with its area code, such as (202) 555-0142 or +1 202-555-0142. "
    "Patients tap it to call the clinic, so it must be a number a phone can dial."
)


def tel_uri(number):
    """The tel: link ("tel:+1-202-555-0142") for a number as staff typed it, or "" if it is not one."""
    match = _US_NUMBER.fullmatch(_SEPARATORS.sub("", number or ""))
    return "tel:+1-{}-{}-{}".format(*match.groups()) if match else ""
