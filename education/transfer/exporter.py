"""Write every content item as a file: a YAML header of its fields, its main text as the body.

The body is the field staff edit (Markdown source, or the stored HTML where that is what the model
keeps): never the rendered copy, which save() makes again. Foreign keys are written as the other
item's key (a topic's slug, a reviewer's name), so the files read well and move between sites.
"""

import datetime
import decimal
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import models
from django.utils.text import slugify

from education.text import frontmatter

from .kinds import all_kinds, kind_for, m2m_fields, written_fields

MEDIA_FOLDER = "media"


def plain(field, value):
    """A field's value as plain YAML data."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(field, models.FileField):
        return value.name or None
    return value


def reference(target):
    """How a header names another item: its key, a username, or (for keyless kinds) its id."""
    if target is None:
        return None
    if isinstance(target, get_user_model()):
        return target.get_username()
    kind = kind_for(type(target))
    if kind and len(kind.key) == 1:
        return getattr(target, kind.key[0])
    return target.pk


def item_header(obj, fields, kind=None):
    header = {}
    for f in fields:
        if kind and f.name == kind.body:
            continue
        if f.is_relation:
            header[f.name] = reference(getattr(obj, f.name))
            continue
        value = plain(f, getattr(obj, f.attname))
        if kind and f.name in kind.line_lists and isinstance(value, str):
            lines = value.splitlines()
            if "\n".join(lines) == value and all(line.strip() == line and line for line in lines):
                value = lines  # key points read best as a list; only when that loses nothing
        header[f.name] = value
    return header


class Exporter:
    def __init__(self, root: Path):
        self.root = root
        self.counts = {}
        self.media = set()

    def run(self):
        for kind in all_kinds():
            self.export_kind(kind)
        self.copy_media()
        return self.counts

    def export_kind(self, kind):
        queryset = kind.model._default_manager.order_by("pk")
        queryset = queryset.prefetch_related(
            *[c.accessor for c in kind.children], *[f.name for f in m2m_fields(kind.model)]
        )
        fields = written_fields(kind.model)
        seen = set()
        for n, obj in enumerate(queryset, start=1):
            header = item_header(obj, fields, kind)
            for f in m2m_fields(kind.model):
                header[f.name] = sorted(reference(other) for other in getattr(obj, f.name).all())
            for child in kind.children:
                rows = self.children_of(obj, child)
                if rows:
                    header[child.accessor] = rows
            self.note_media(obj, fields)
            path = self.path_for(kind, obj, n)
            if path in seen:
                raise ValueError(
                    f"Two {kind.name} would share the file {path}: give one another {kind.key[0]}."
                )
            seen.add(path)
            body = getattr(obj, kind.body) if kind.body else None
            frontmatter.write(self.root / path, header, body)
            self.counts[kind.name] = self.counts.get(kind.name, 0) + 1

    def children_of(self, obj, child):
        fields = written_fields(child.model, child_of=child.parent_field)
        if child.single:
            related = getattr(obj, child.accessor, None)
            return item_header(related, fields) if related else None
        rows = list(getattr(obj, child.accessor).all())
        for row in rows:
            self.note_media(row, fields)
        return [item_header(row, fields) for row in rows]

    def path_for(self, kind, obj, n):
        if kind.singleton:
            return Path(kind.folder) / f"{kind.folder}.md"
        if kind.key == ("slug",):
            name = obj.slug
        else:
            name = f"{n:03d}-" + (slugify(kind.key_of(obj) or "")[:60] or "item")
        folder = Path(kind.folder)
        if kind.group_by:
            folder /= str(reference(getattr(obj, kind.group_by)))
        return folder / f"{name}.md"

    def note_media(self, obj, fields):
        """Uploaded files this row points at: file fields, and stored paths in its text or JSON."""
        for f in fields:
            value = getattr(obj, f.attname)
            if isinstance(f, models.FileField):
                if value:
                    self.media.add(value.name)
            elif f.name in ("file", "path", "renditions") or f.name.endswith("_file"):
                self.media.update(_strings(value))

    def copy_media(self):
        for name in sorted(self.media):
            if name and default_storage.exists(name):
                target = self.root / MEDIA_FOLDER / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with default_storage.open(name, "rb") as source:
                    target.write_bytes(source.read())
                self.counts["uploaded files"] = self.counts.get("uploaded files", 0) + 1


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
