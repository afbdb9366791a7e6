"""Attach the demo illustrations (manifest.json) to the articles they belong to.

Each picture goes into the library through the same checks and re-encoding as a staff upload,
and into its article's text after the first paragraph, or after the first paragraph of the section
the entry names ("section": the heading's text). An article may have more than one picture.
Only into the articles it is given (the ones the demo loader has just created: an article staff
have had since is theirs); an article that already shows a library image is left as it is, and a
picture already in the library (same content) is re-used.
"""

import copy
import json
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from education.content.images import check_and_clean, store, stored_names
from education.models import Image
from education.text.richtext import image_ids

HERE = Path(__file__).parent
CREDIT = "Drawn by the clinic portal team"
# Re-encoding a picture and its renditions takes about half a second and gives the same files every
# time, so a process that loads the demo again (every test that uses it) re-uses the stored files.
_stored = {}


def _library_fields(path):
    fields = _stored.get(path.name)
    if fields is None or not all(
        map(default_storage.exists, stored_names(fields["file"], fields["renditions"]))
    ):
        fields = store(check_and_clean(SimpleUploadedFile(path.name, path.read_bytes())))
        _stored[path.name] = fields
    return copy.deepcopy(fields)


def _insert(body, tag, section=""):
    """The tag after the first paragraph of the named section (after the first paragraph if there is
    no such section)."""
    start = body.find(f">{section}</h2>") if section else -1
    end = body.find("</p>", max(start, 0))
    return body[: end + 4] + "\n" + tag + body[end + 4 :] if end >= 0 else body + tag


def attach_demo_images(articles):
    """Returns how many images were attached to these articles."""
    attached = 0
    entries = {}
    for entry in json.loads((HERE / "manifest.json").read_text(encoding="utf-8")):
        entries.setdefault(entry["article"], []).append(entry)
    for article in articles:
        article_entries = entries.get(article.slug)
        if not article_entries or image_ids(article.body):
            continue
        for entry in article_entries:
            fields = _library_fields(HERE / entry["file"])
            image = Image.objects.filter(content_hash=fields["content_hash"]).first() or Image.objects.create(
                alt_text=entry["alt"], caption=entry["caption"], credit=CREDIT, **fields
            )
            tag = f'<img data-image-id="{image.pk}" src="{image.smallest_url}" alt="">'
            article.body = _insert(article.body, tag, entry.get("section", ""))
            attached += 1
        article.save()
    return attached
