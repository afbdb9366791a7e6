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

        # A never-published item is listed with the drafts and has a review conversation too.
        from django.db.models.signals import post_delete, post_save

        from education.editorial import workflow

        for model in workflow.WORKFLOW_MODELS:
            uid = f"education-track-{model.__name__}"
            post_save.connect(_track_item, sender=model, dispatch_uid=uid)
            post_delete.connect(_item_deleted, sender=model, dispatch_uid=uid)

        # Signal receivers: page-cache invalidation and the SQLite search-trigger check.
        from education.search import index  # noqa: F401
        from education.site import cache  # noqa: F401


def _track_item(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures and imports of whole rows: no conversation to record
        from education.editorial.drafts import track_item

        track_item(instance)


def _item_deleted(sender, instance, **kwargs):
    from education.editorial.drafts import item_deleted

    item_deleted(instance)
