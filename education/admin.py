"""The staff product. Each concern registers its own models: see content/admin.py, selfcheck/admin.py
and, for the shared workflow and history parts, editorial/*_admin.py. Django's admin autodiscovery
imports this module, so it imports those."""

from education.content import admin as content_admin  # noqa: F401
from education.content import admin_safety_information  # noqa: F401
from education.editorial import staff_admin  # noqa: F401
from education.selfcheck import admin as selfcheck_admin  # noqa: F401
