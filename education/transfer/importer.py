"""Read an export folder into this site, in one transaction: all of it, or (on any error) none of it.

Two modes:
- drafts (the default): new items only, as drafts. Items with an on/off switch instead of a status
  (topics, FAQ categories, glossary terms, self-check questions...) come in switched off, each with a
  draft that switches it on, submitted for review: what the admin does with such an item an Editor
  adds (education.admin.drafts). An item whose key (slug, name...) is already here is
  skipped and reported, never overwritten. Another
  site's review does not count here, so reviewer and review date are left empty, and so is the date its
  price and programme details were last checked.
- site (``--site``, an empty database only): everything as it was, ids, statuses, reviews, schedules and
  dates included, so the same pages come out.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction

from education.editorial import drafts
from education.models import Status
from education.text import frontmatter

from .exporter import MEDIA_FOLDER
from .kinds import TIMESTAMPS, all_kinds, kind_for, m2m_fields, written_fields

MAX_ERRORS = 50
# How rich text points at another row, e.g. an image placed in an article: data-image-id="12".
ID_ATTRIBUTE = re.compile(r'data-([a-z]+)-id="(\d+)"')


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Item:
    kind: object
    where: str
    values: dict  # plain field values (foreign keys still as keys)
    body: str
    children: dict = field(default_factory=dict)  # accessor -> list of value dicts
    links: dict = field(default_factory=dict)  # many-to-many field -> list of keys
    obj: object = None


@dataclass
class Report:
    created: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=dict)  # kind name -> files of items already here
    for_review: list = field(default_factory=list)  # switched-off items, each with a draft in review
    notes: list = field(default_factory=list)


def _field_map(model, child_of=None):
    return {f.name: f for f in written_fields(model, child_of=child_of)}


def _required(f, kind=None):
    if f.primary_key or f.name in TIMESTAMPS or (kind and f.name == kind.body):
        return False
    return not (f.blank or f.null or f.has_default())


def _convert(f, value, where, errors):
    if f.is_relation or value is None:
        return value
    if isinstance(value, list | dict) and not isinstance(f, models.JSONField):
        errors.append(f"{where}: '{f.name}' must be a single value, not a list or a mapping.")
        return None
    try:
        return f.to_python(value)
    except ValidationError as error:
        errors.append(
            f"{where}: '{f.name}' has a value this field cannot take ({value!r}): {' '.join(error.messages)}"
        )
        return None


def _values(header, fields, where, errors, kind=None, extra=()):
    values = {}
    for name, value in header.items():
        target = name if name in fields else f"is_{name}" if f"is_{name}" in fields else None  # demo: is_demo
        if target is None:
            if name not in extra:
                known = ", ".join(sorted(set(fields) | set(extra)))
                errors.append(f"{where}: unknown field '{name}' (this kind has: {known}).")
            continue
        f = fields[target]
        if kind and target in kind.line_lists and isinstance(value, list):
            value = "\n".join(str(line) for line in value)
        values[target] = _convert(f, value, where, errors)
    for name, f in fields.items():
        if _required(f, kind) and values.get(name) in (None, ""):
            errors.append(f"{where}: the field '{name}' is missing or empty.")
    return values


def read_folder(root: Path):
    """Every item of the folder, checked for form (not yet against the database)."""
    errors, items = [], []
    if not root.is_dir():
        raise ImportFailed([f"{root}: no such folder."])
    folders = {kind.folder: kind for kind in all_kinds()}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_dir() or rel.parts[0] == MEDIA_FOLDER or rel.name.startswith("."):
            continue
        kind = folders.get(rel.parts[0])
        if kind is None or path.suffix != ".md":
            errors.append(
                f"{rel}: not a content file this site knows "
                f"(expected <kind>/<name>.md, kinds: {', '.join(folders)})."
            )
            continue
        try:
            header, body = frontmatter.read(path, str(rel))
        except frontmatter.ContentFileError as error:
            errors.append(str(error))
            continue
        items.append(_item(kind, header, body, str(rel), errors))
    seen = {}
    for item in items:
        key = item.kind.key_of(item.values)
        if key is not None and (item.kind.folder, key) in seen:
            errors.append(
                f"{item.where}: the same {item.kind.label} as {seen[item.kind.folder, key]} (“{key}”)."
            )
        seen.setdefault((item.kind.folder, key), item.where)
    if errors:
        raise ImportFailed(errors[:MAX_ERRORS])
    return items


def _item(kind, header, body, where, errors):
    fields = _field_map(kind.model)
    accessors = {child.accessor: child for child in kind.children}
    links = {f.name for f in m2m_fields(kind.model)}
    values = _values(
        {k: v for k, v in header.items() if k not in accessors and k not in links},
        fields,
        where,
        errors,
        kind,
    )
    item = Item(kind, where, values, body)
    if kind.body:
        item.values[kind.body] = body
        if body.strip() == "" and _required(fields[kind.body]):
            errors.append(f"{where}: the text below the header is empty.")
    for name in links:
        keys = header.get(name) or []
        if not isinstance(keys, list):
            errors.append(f"{where}: '{name}' must be a list.")
            keys = []
        item.links[name] = keys
    for accessor, child in accessors.items():
        rows = header.get(accessor)
        if rows is None:
            rows = []
        elif child.single:
            rows = [rows]
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            errors.append(f"{where}: '{accessor}' must be a list of 'field: value' entries.")
            continue
        child_fields = _field_map(child.model, child_of=child.parent_field)
        item.children[accessor] = [
            _values(row, child_fields, f"{where}, {accessor} {n}", errors)
            for n, row in enumerate(rows, start=1)
        ]
    return item


class Importer:
    def __init__(self, root: Path, *, site=False):
        self.root, self.site = root, site
        self.report = Report()
        self.errors = []
        self.by_key = {}  # (model, key) -> object, for items created here or found here
        self.by_old_id = {}  # (model, id in the export) -> object, for keyless kinds

    def run(self):
        items = read_folder(self.root)
        try:
            with transaction.atomic():
                self.write(items)
        except IntegrityError as error:  # a rule only the database knows; nothing is kept
            raise ImportFailed([f"The database refused the import: {error}"]) from None
        return self.report

    def write(self, items):
        if self.site:
            self.check_empty()
        for kind in all_kinds():
            for item in (i for i in items if i.kind is kind):
                self.create(item)
        for item in items:
            if item.obj is not None:
                self.link(item)
        if self.errors:
            raise ImportFailed(self.errors[:MAX_ERRORS])
        for item in items:
            if item.obj is not None and hasattr(item.obj, "refresh_editorial_warnings"):
                item.obj.refresh_editorial_warnings()  # now its references and links exist
            if item.obj is not None and not self.site and "active" in self.draft_fields(item.kind.model):
                self.submit_switch_on(item)
        if self.site:
            self.keep_dates(items)
            self.reset_sequences()

    def check_empty(self):
        found = []
        for kind in all_kinds():
            for model in [kind.model, *(child.model for child in kind.children)]:
                count = model._default_manager.count()
                if count:
                    found.append(f"{count} {model._meta.verbose_name_plural}")
        if found:
            raise ImportFailed(
                [
                    "--site brings a whole site into an EMPTY database, and this one already has "
                    f"{', '.join(found)}. Nothing was imported. Leave out --site to add the new items "
                    "as drafts (existing ones are kept), or start from a new, migrated database."
                ]
            )

    # Finding what a header refers to -----------------------------------------------------------

    def existing(self, kind, values):
        if kind.singleton:
            return kind.model._default_manager.first()
        if not kind.key:
            return None
        return kind.model._default_manager.filter(**{name: values.get(name) for name in kind.key}).first()

    def resolve(self, f, key, where):
        """The object a foreign key or link names, created in this import or already here."""
        if key in (None, ""):
            return None
        model = f.related_model
        if model is get_user_model():
            user = model._default_manager.filter(**{model.USERNAME_FIELD: key}).first()
            if user is None:
                self.report.notes.append(f"{where}: no account '{key}' here; link the {f.name} in the admin.")
            return user
        kind = kind_for(model)
        if kind is None:
            self.errors.append(f"{where}: '{f.name}' points at something that is not content ({key!r}).")
            return None
        found = self.by_key.get((model, str(key)))
        if found is None and len(kind.key) == 1:
            found = model._default_manager.filter(**{kind.key[0]: key}).first()
        if found is None and not kind.key:
            found = self.by_old_id.get((model, key))
        if found is None:
            self.errors.append(
                f"{where}: unknown {f.verbose_name} '{key}' (not in the export, not on this site)."
            )
        return found

    # Writing -----------------------------------------------------------------------------------

    def create(self, item):
        kind, values = item.kind, dict(item.values)
        key = kind.key_of(values)
        if not self.site:
            found = self.existing(kind, values)
            if found is not None:
                self.report.skipped.setdefault(kind.name, []).append(item.where)
                self.remember(kind, key, values, found)
                return
        obj = self.build(kind.model, values, item.where, kind)
        if obj is None:
            return
        self.save(obj, item.where)
        for accessor, rows in item.children.items():
            child = next(c for c in kind.children if c.accessor == accessor)
            for row in rows:
                child_obj = self.build(
                    child.model, dict(row), item.where, None, parent=(child.parent_field, obj)
                )
                if child_obj is not None:
                    self.save(child_obj, item.where)
        item.obj = obj
        self.remember(kind, key, values, obj)
        label = kind.name + ("" if self.site or not self.draft_fields(kind.model) else " (as drafts)")
        self.report.created[label] = self.report.created.get(label, 0) + 1

    def remember(self, kind, key, values, obj):
        if key is not None:
            self.by_key[(kind.model, key)] = obj
        if values.get("id") is not None:
            self.by_old_id[(kind.model, values["id"])] = obj

    def submit_switch_on(self, item):
        """A draft that switches the new item on, sent for review: a reviewer's approval puts it live."""
        obj = item.obj
        obj.active = True
        draft = drafts.save_draft(obj, None, {"fields": drafts.row_of(obj)}, ["active"])
        drafts.submit(
            draft.pk, None, f"Brought in by import_content ({item.where}); switched off until approved."
        )
        self.report.for_review.append(f"{item.kind.name} “{obj}”")

    def draft_fields(self, model):
        names = {f.name for f in model._meta.fields}
        return {"status": Status.DRAFT, "active": False}.keys() & names

    def build(self, model, values, where, kind, parent=None):
        fields = {f.name: f for f in written_fields(model)}
        if self.site:
            values.pop("created_at", None), values.pop("updated_at", None)  # set after saving
        else:
            for name in ("id", "created_at", "updated_at"):
                values.pop(name, None)
            # Another site's review (or check of its prices) does not count here; nothing new is
            # shown before staff look at it.
            drafts = {
                "status": Status.DRAFT,
                "active": False,
                "reviewer": None,
                "last_reviewed": None,
                "details_checked_on": None,
            }
            for name, value in drafts.items():
                if name in fields:
                    values[name] = value
            if model._meta.model_name == "medicalreviewer":
                values["user"] = None  # an account here is not the same person
        errors_before = len(self.errors)
        for name, f in fields.items():
            if f.is_relation and name in values:
                values[name] = self.resolve(f, values[name], where)
            elif not self.site and isinstance(values.get(name), str):
                values[name] = self.renumber(values[name])
        if len(self.errors) > errors_before:
            return None  # reported; the transaction is rolled back at the end
        if parent:
            values[parent[0]] = parent[1]
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and values.get(f.name):
                values[f.name] = self.bring_file(values[f.name], where)
        obj = model(**values)
        try:
            obj.full_clean(
                exclude=[f.name for f in model._meta.fields if f.is_relation], validate_unique=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.errors.append(f"{where}: {name}: {' '.join(messages)}")
            return None
        return obj

    def renumber(self, text):
        """Ids inside text (data-image-id="12") follow their rows, which get new ids as drafts."""
        models_by_name = {kind.model._meta.model_name: kind.model for kind in all_kinds()}

        def swap(match):
            found = self.by_old_id.get((models_by_name.get(match.group(1)), int(match.group(2))))
            return f'data-{match.group(1)}-id="{found.pk}"' if found is not None else match.group(0)

        return ID_ATTRIBUTE.sub(swap, text) if "data-" in text else text

    def save(self, obj, where):
        kwargs = {"check": False} if hasattr(obj, "refresh_editorial_warnings") else {}
        if self.site and obj.pk is not None:
            kwargs["force_insert"] = True
        if self.site:
            # A copy of the whole site brings its drafts and review conversation as rows: a save here
            # is no review step, so none is recorded (education.editorial.drafts.track_item).
            obj._copied_row = True
        self.bring_stored_paths(obj)
        obj.save(**kwargs)

    def link(self, item):
        for name, keys in item.links.items():
            f = item.kind.model._meta.get_field(name)
            targets = [self.resolve(f, key, item.where) for key in keys]
            getattr(item.obj, name).set([t for t in targets if t is not None])

    # Files -------------------------------------------------------------------------------------

    def bring_file(self, name, where):
        source = self.root / MEDIA_FOLDER / name
        if not source.is_file():
            self.errors.append(f"{where}: the file '{name}' is not in the export's {MEDIA_FOLDER}/ folder.")
            return name
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if handle.read() == source.read_bytes():
                    return name
        return default_storage.save(name, ContentFile(source.read_bytes()))

    def bring_stored_paths(self, obj):
        """Paths to uploads kept in plain text or JSON fields (an image library's renditions)."""
        media = self.root / MEDIA_FOLDER
        if not media.is_dir():
            return
        for f in obj._meta.concrete_fields:
            if f.name in ("file", "path", "renditions") or f.name.endswith("_file"):
                setattr(obj, f.attname, self._copy_paths(getattr(obj, f.attname), media))

    def _copy_paths(self, value, media):
        if isinstance(value, str) and value and (media / value).is_file():
            return self.bring_file(value, "")
        if isinstance(value, list):
            return [self._copy_paths(v, media) for v in value]
        if isinstance(value, dict):
            return {k: self._copy_paths(v, media) for k, v in value.items()}
        return value

    # A whole site ------------------------------------------------------------------------------

    def keep_dates(self, items):
        for item in items:
            dates = {name: item.values[name] for name in TIMESTAMPS if item.values.get(name)}
            if item.obj is not None and dates:
                type(item.obj)._default_manager.filter(pk=item.obj.pk).update(**dates)

    def reset_sequences(self):
        models_ = [m for kind in all_kinds() for m in [kind.model, *(c.model for c in kind.children)]]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)
