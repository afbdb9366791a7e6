"""Which models are content, and how each kind is filed (folder, identifying fields, body field).

Generic over the education models: every concrete model of the app with a text field is content,
except the history tables and bookkeeping marked ``is_content = False`` (the demo loader's records).
The known kinds below get readable folders and keys; any other model (e.g. one added later) is
filed under its model name, identified by its slug when it has one, with every field in the header.
A model with a cascading foreign key to a kind (an article's references, its PEMAT-P score) is
written inside its parent's header under the reverse name ("references").
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import models

# Recomputed by save() from the other fields: never written, so a file cannot contradict its body.
DERIVED = {"version", "editorial_warnings", "reading_grade", "smog_grade", "word_count"}
TIMESTAMPS = ("created_at", "updated_at")


@dataclass
class Child:
    model: type
    parent_field: str  # the foreign key to the parent
    accessor: str  # the parent's reverse name, used as the header field
    single: bool  # one-to-one: a mapping, not a list


@dataclass
class Kind:
    model: type
    folder: str
    key: tuple  # fields that identify an item across sites ( () : the one record / none)
    body: str | None = None  # the field written below the header
    line_lists: tuple = ()  # text fields written as YAML lists of lines (key points)
    group_by: str | None = None  # a foreign key whose key is a sub-folder (faqs/<category>/)
    singleton: bool = False
    children: list = field(default_factory=list)

    @property
    def name(self):
        return str(self.model._meta.verbose_name_plural)

    @property
    def label(self):
        return str(self.model._meta.verbose_name)

    def key_of(self, obj_or_values):
        get = obj_or_values.get if isinstance(obj_or_values, dict) else lambda f: getattr(obj_or_values, f)
        if self.singleton:
            return self.folder
        if not self.key:
            return None
        return " / ".join(str(get(name)) for name in self.key)


# (model name, folder, key fields, body field, extra options), in the order they are imported.
_KNOWN = [
    # An image library (branch "editor"): first, so texts that show an image find it; one upload is
    # one image, so its content hash is its key.
    ("image", "images", ("content_hash",), None, {}),
    ("medicalreviewer", "reviewers", ("name",), None, {}),
    ("topic", "topics", ("slug",), "summary", {}),
    ("faqcategory", "faq_categories", ("slug",), None, {}),
    ("clinicdetails", "clinic", (), None, {"singleton": True}),
    ("article", "articles", ("slug",), "body", {"line_lists": ("key_points",)}),
    ("faq", "faqs", ("slug",), "answer", {"group_by": "category"}),
    # The "Important safety information" block: its text below the header, as in the demo content.
    ("safetyinformation", "safety_information", ("slug",), "body", {}),
    ("safetyitem", "safety", ("slug",), "guidance", {}),
    ("glossaryterm", "glossary", ("slug",), "definition", {}),
    ("selfcheckquestion", "selfcheck", ("slug",), "guidance", {}),
    ("treatmentdaystep", "treatment_day", ("title",), "description", {}),
    ("checklistitem", "checklist", ("section", "text"), None, {}),
]


def is_content_model(model):
    opts = model._meta
    if opts.abstract or opts.proxy or not opts.managed or not getattr(model, "is_content", True):
        return False
    if model.__name__.startswith("Historical") or any(f.name == "history_id" for f in opts.fields):
        return False  # django-simple-history's tables
    return any(isinstance(f, models.CharField | models.TextField) for f in opts.concrete_fields)


def _cascading_parent(model, top_models):
    for f in model._meta.concrete_fields:
        relation = f.is_relation and (f.many_to_one or f.one_to_one)
        if relation and f.related_model in top_models and f.remote_field.on_delete is models.CASCADE:
            return f
    return None


@cache
def all_kinds():
    """Every kind, in import order (what others refer to comes first); children inside their parent."""
    content = [m for m in apps.get_app_config("education").get_models() if is_content_model(m)]
    by_name = {m._meta.model_name: m for m in content}
    kinds = []
    for model_name, folder, key, body, extra in _KNOWN:
        if model_name in by_name:
            kinds.append(Kind(by_name.pop(model_name), folder, key, body, **extra))
    top = {kind.model for kind in kinds}
    children = {m for m in by_name.values() if _cascading_parent(m, top)}
    for model in by_name.values():
        if model not in children:
            slug = next((f for f in model._meta.fields if f.name == "slug" and f.unique), None)
            kinds.append(Kind(model, model._meta.model_name, ("slug",) if slug else ()))
            top.add(model)
    kind_of = {kind.model: kind for kind in kinds}
    for model in sorted(children, key=lambda m: m._meta.model_name):
        parent = _cascading_parent(model, top)
        accessor = parent.remote_field.get_accessor_name()
        kind_of[parent.related_model].children.append(Child(model, parent.name, accessor, parent.one_to_one))
    return kinds


def kind_for(model):
    return next((kind for kind in all_kinds() if kind.model is model), None)


def written_fields(model, *, child_of=None):
    """The concrete fields a file carries for this model (derived ones and the parent link left out)."""
    names = {f.name for f in model._meta.concrete_fields}
    result = []
    for f in _reading_order(model):
        if f.name in DERIVED or f.name == child_of:
            continue
        if f.name.endswith(("_html", "_text")) and f.name.rsplit("_", 1)[0] in names:
            continue  # rendered from its source field on save
        if child_of and (f.primary_key or f.name in TIMESTAMPS):
            continue  # a child is identified by its parent and its place in the list
        result.append(f)
    return result


def _reading_order(model):
    """Its own fields first (title, slug, topic...), then shared ones (status, review), then the id."""
    shared = set()
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is not None and meta.abstract:
            shared.update(f.name for f in meta.local_fields)
    fields = model._meta.concrete_fields
    own = [f for f in fields if f.name not in shared and not f.primary_key]
    return own + [f for f in fields if f.name in shared] + [f for f in fields if f.primary_key]


def m2m_fields(model):
    return [f for f in model._meta.many_to_many if kind_for(f.related_model)]
