from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        # Signal receivers: page-cache invalidation and the SQLite search-trigger check.
        from . import cache, search  # noqa: F401
