from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        # Signal receivers: page-cache invalidation and the SQLite search-trigger check.
        from education.search import index  # noqa: F401
        from education.site import cache  # noqa: F401
