from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        from django.core import checks

        from education.editorial.golive import go_live_check

        # `manage.py check --deploy` lists what is left before going live, as the admin home does.
        checks.register(go_live_check, "deploy", deploy=True)

        # Features plug into the models here, so the models import no feature (docs/development.md).
        from django.core.signals import request_started

        from education.editorial import scheduling
        from education.editorial.checks import register as register_editorial_checks

        register_editorial_checks()  # the warnings each save stores
        request_started.connect(scheduling.apply_due_drafts_if_any, dispatch_uid="education-apply-due-drafts")

        # Signal receivers: page-cache invalidation and the SQLite search-trigger check.
        from education.search import index  # noqa: F401
        from education.site import cache  # noqa: F401
