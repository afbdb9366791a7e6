"""Who may do what in the admin. The data migrations and `manage.py sync_groups` apply this."""

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"

# Content staff write and edit; they never publish. (model name -> actions)
_EDITOR_MODELS = {
    "article": ("add", "change", "view"),
    "reference": ("add", "change", "delete", "view"),
    "faq": ("add", "change", "view"),
    "faqcategory": ("add", "change", "view"),
    "safetyitem": ("add", "change", "view"),
    # No "delete" for content that is live as soon as it exists: taking it off the site is a
    # reviewer's step (Editors untick "active", which is a draft; see education.editorial.drafts).
    "glossaryterm": ("add", "change", "view"),
    # A new topic's summary shows on the home page at once, so adding one is a reviewer's step
    # (an Editor's change to an existing topic is a draft).
    "topic": ("change", "view"),
    "safetyinformation": ("add", "change", "view"),  # the "Important safety information" block
    "clinicdetails": ("change", "view"),
    "treatmentdaystep": ("add", "change", "view"),
    "checklistitem": ("add", "change", "view"),
    "selfcheckquestion": ("add", "change", "view"),
    "medicalreviewer": ("view",),
    "image": ("add", "change", "delete", "view"),  # deleting is refused while an image is in use
    "pematscore": ("add", "change", "delete", "view"),  # staff tick the PEMAT-P items
    "draft": ("view",),
}
# approve_draft: approving drafts of the content without a status of its own (glossary, topics,
# FAQ categories, self-check questions, checklist, treatment-day steps, clinic details, the
# "Important safety information" block).
PUBLISH_PERMISSIONS = ("publish_article", "publish_faq", "publish_safetyitem", "approve_draft")


def group_permissions():
    editor = {f"{action}_{model}" for model, actions in _EDITOR_MODELS.items() for action in actions}
    editor |= {f"view_historical{model}" for model in _EDITOR_MODELS}
    reviewer = editor | set(PUBLISH_PERMISSIONS) | {"delete_article", "delete_faq", "delete_safetyitem"}
    reviewer |= {
        "add_topic",
        "delete_glossaryterm",
        "delete_treatmentdaystep",
        "delete_checklistitem",
        "delete_safetyinformation",
    }
    return {EDITORS: editor, MEDICAL_REVIEWERS: reviewer}


def sync_groups(apps):
    """Create the staff groups and give them exactly the permissions above (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in group_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="education", codename__in=codenames)
        )
