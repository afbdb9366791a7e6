"""The admin's rich-text editor: django-prose-editor's ProseMirror bundle, set up by our own module.

The package's own presets load through an inline <script type="importmap">, which our strict
Content Security Policy (no inline script) refuses. static/admin-extra/richtext.js imports the
bundle by its address instead and builds the editor with only our toolbar (h2-h4, bold, italic,
lists, link, internal link, blockquote, library image, undo/redo) and without Tiptap's injected
<style> element. Whatever the browser sends, the form field cleans it on the server
(education.text.richtext.clean_rich_html), so the toolbar is a convenience, not the guard.
"""

import json

from django import forms
from django.urls import NoReverseMatch, reverse

from education.text.richtext import clean_rich_html, lines_to_list_html, list_html_to_lines

EDITOR_CSS = [
    "django_prose_editor/material-icons.css",
    "django_prose_editor/editor.css",
    "django_prose_editor/overrides.css",
    "admin-extra/richtext.css",
]


def _admin_url(name):
    try:
        return reverse(f"admin:{name}")
    except NoReverseMatch:  # the image admin is not registered (a stripped-down site)
        return ""


class RichTextWidget(forms.Textarea):
    """A textarea the editor takes over; without JavaScript it is still a (HTML) textarea."""

    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, *, features="full", attrs=None):
        self.features = features  # "full", or "list" for key points (a bulleted list only)
        super().__init__(attrs={"rows": 12, **(attrs or {})})

    class Media:
        css = {"all": EDITOR_CSS}
        js = [forms.Script("admin-extra/richtext.js", type="module")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        config = {
            "features": self.features,
            "headingLevels": [2, 3, 4],
            "linkTargetsUrl": _admin_url("education_image_link_targets"),
            "imagesUrl": _admin_url("education_image_choose"),
            "imageAddUrl": _admin_url("education_image_add"),
        }
        context["widget"]["attrs"]["data-richtext"] = json.dumps(config, separators=(",", ":"))
        return context

    def use_required_attribute(self, initial):
        return False  # the editor hides the textarea; the server says what is missing


class RichTextField(forms.CharField):
    """Rich text, cleaned on the server with our one allow-list (and office paste fixes)."""

    widget = RichTextWidget

    def to_python(self, value):
        return clean_rich_html(super().to_python(value))


class KeyPointsWidget(RichTextWidget):
    def __init__(self, attrs=None):
        super().__init__(features="list", attrs={"rows": 5, **(attrs or {})})

    def format_value(self, value):
        value = value or ""
        return value if value.lstrip().startswith("<") else lines_to_list_html(value)


class KeyPointsField(forms.CharField):
    """Key points stay one plain point per line in the database; staff edit them as a list."""

    widget = KeyPointsWidget

    def to_python(self, value):
        value = super().to_python(value)
        return list_html_to_lines(value) if value.lstrip().startswith("<") else value


class RichTextAdminMixin:
    """Give a ModelAdmin's long texts the editor: name them in ``rich_text_fields`` (and
    ``key_point_fields`` for one-point-per-line lists)."""

    rich_text_fields = ()
    key_point_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs["form_class"] = RichTextField
            kwargs["widget"] = RichTextWidget
        elif db_field.name in self.key_point_fields:
            kwargs["form_class"] = KeyPointsField
            kwargs["widget"] = KeyPointsWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
