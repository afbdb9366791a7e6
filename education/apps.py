from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        from django.core import checks

        from education.editorial.golive import go_live_check

        # `manage.py check --deploy` lists what is left before going live, as the admin home does.
        checks.register(go_live_check, "deploy", deploy=True)

        # Signal receivers: page-cache invalidation and the SQLite search-trigger check.
        from education.search import index  # noqa: F401
        from education.site import cache  # noqa: F401
