"""WSGI entry point for gunicorn: `gunicorn clinic_portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_portal.settings")

application = get_wsgi_application()


def warm_up():
    """Import the URLconf and compile the public templates, without touching the database or cache.

    gunicorn calls this in its master process before forking (gunicorn.conf.py), so every worker,
    recycled ones included, starts with them ready instead of paying for them on its first requests.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.template import engines
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the attribute is what imports every urls module
    engines["django"].engine.template_context_processors  # noqa: B018 - imports them
    # django-redis builds its client (and imports redis-py, ~90 modules) on first use, which cost
    # each worker's first request ~120 ms; building it does not connect.
    getattr(cache, "client", None)
    folder = settings.BASE_DIR / "templates"
    for path in folder.rglob("*.html"):
        name = path.relative_to(folder).as_posix()
        if not name.startswith("admin/"):  # staff pages: not worth a worker's memory up front
            get_template(name)
