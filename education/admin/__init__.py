"""The staff product: every admin screen is in this package, one module per area.

Registration is here and nowhere else: Django's admin autodiscovery imports this package, and it
imports each module below. content, images, pemat, review, safety_information, selfcheck, staff
register their screens (@admin.register); the others are the parts they share (drafts, history,
workflow, list filters and columns). No feature imports the admin: it is wiring, the top layer
(tests/test_import_graph.py).
"""

from education.admin import (  # noqa: F401 - imported to register the screens
    content,
    drafts,
    filters,
    history,
    images,
    lists,
    pemat,
    review,
    safety_information,
    selfcheck,
    staff,
    workflow,
)
