"""The "Important safety information" block moves from Markdown to the editor's HTML, as 0013 did
for article bodies, FAQ answers and safety guidance: each text rendered once, its words kept.

Self-contained on purpose (migrations never import live project code): the Markdown settings
and the allow-list are frozen here as education.content.markdown.render_markdown and
education.content.richtext.clean_rich_html were when this ran, so ``convert`` gives exactly the
HTML the block's old save() stored in body_html. The live rows, their history (restoring an old
version restores HTML, not Markdown) and the block's drafts (the proposed text and the base it
was made from, so a pending change neither applies Markdown nor looks like a conflict) are
converted. Going back leaves the HTML in place: Markdown renders HTML as text, not markup.
"""

import re

import nh3
from django.db import migrations, models
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote", "img"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "data-image-id"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto", "tel"}
_DROPPED_WITH_CONTENT = {"script", "style", "xml", "title", "head", "template", "noscript", "object", "iframe"}
_HEADINGS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_EDGE_BREAKS = re.compile(r"^(?:\s*<br>)+|(?:<br>\s*)+$")
_BLOCK_CLOSE = re.compile(r"(</(?:p|h2|h3|h4|li|ul|ol|blockquote)>)\n*")
_EMPTY_BLOCK = re.compile(r"<(p|h2|h3|h4|li|blockquote|strong|em)>(?:\s|&nbsp;|\u00a0|<br>)*</\1>")


def _nh3(html, link_rel):
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=link_rel,
        strip_comments=True,
    )


def _stored(html):
    html = re.sub(r"<(/?)(h1|h5|h6)>", lambda m: f"<{m.group(1)}{_HEADINGS[m.group(2)]}>", html)
    html = _nh3(html, None)
    # Markdown images pointed at outside addresses the site's policy never loaded: dropped.
    html = _IMG.sub(lambda m: m.group(0) if "data-image-id=" in m.group(0) else "", html)
    previous = None
    while previous != html:
        previous, html = html, _EMPTY_BLOCK.sub("", html)
    html = _EDGE_BREAKS.sub("", html)
    return _BLOCK_CLOSE.sub(r"\1\n", html).strip()


def convert(markdown):
    """(stored HTML, public HTML) for one Markdown text."""
    stored = _stored(_MD.render(markdown or "")) if markdown else ""
    return stored, _nh3(stored, "noopener noreferrer").strip()


_CONVERTED = re.compile(r"\s*<(p|h2|h3|h4|ul|ol|blockquote)>")


def _looks_converted(text):
    """Already HTML (this migration ran before, then was reversed): left as it is."""
    return bool(_CONVERTED.match(text))


def _convert_fields(fields):
    if isinstance(fields, dict) and isinstance(fields.get("body"), str) and not _looks_converted(fields["body"]):
        stored, public = convert(fields["body"])
        fields["body"] = stored
        if "body_html" in fields:
            fields["body_html"] = public
        return True
    return False


def markdown_to_html(apps, schema_editor):
    for name, key in (("safetyinformation", "pk"), ("historicalsafetyinformation", "history_id")):
        model = apps.get_model("education", name)
        for row in model.objects.only(key, "body").iterator():
            if _looks_converted(row.body or ""):
                continue
            stored, public = convert(row.body)
            model.objects.filter(**{key: getattr(row, key)}).update(body=stored, body_html=public)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Draft = apps.get_model("education", "Draft")
    content_type = ContentType.objects.filter(app_label="education", model="safetyinformation").first()
    if content_type is None:
        return
    for draft in Draft.objects.filter(content_type=content_type).iterator():
        data = draft.data or {}
        changed = _convert_fields(data.get("fields"))
        changed = _convert_fields((data.get("base") or {}).get("fields")) or changed
        if changed:
            Draft.objects.filter(pk=draft.pk).update(data=data)


_HELP = "The warnings in plain language, e.g. a list of what each one means. Use the toolbar for lists, links."


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0017_safety_information_review"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(markdown_to_html, migrations.RunPython.noop),
    ] + [
        migrations.AlterField(
            model_name=model_name,
            name="body",
            field=models.TextField(help_text=_HELP),
        )
        for model_name in ("historicalsafetyinformation", "safetyinformation")
    ]
