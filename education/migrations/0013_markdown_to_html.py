"""Staff texts move from Markdown to the editor's HTML: each item rendered once, its text kept.

Self-contained on purpose: the Markdown settings, the allow-list and the search-index SQL are
frozen here as they were when this ran (later changes to education.content.richtext or the
search engine do not change what this migration did). Article bodies, FAQ answers and safety
guidance are converted in the live rows and in their history (so restoring an old version
restores HTML, not Markdown); key points stay one plain point per line. The search index now
reads the plain-text columns (body_text, answer_text) instead of the stored markup.
"""

import html as html_lib
import re

import nh3
from django.db import migrations
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote", "img"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "data-image-id"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto", "tel"}
_HEADINGS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(strong|em|a|b|i|span|small)\b[^>]*>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|blockquote|pre|figcaption)>|<br\s*/?>")


def _clean(html, link_rel):
    html = re.sub(r"<(/?)(h1|h5|h6)>", lambda m: f"<{m.group(1)}{_HEADINGS[m.group(2)]}>", html)
    html = nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=link_rel, strip_comments=True
    )
    # Markdown images pointed at outside addresses the site's policy never loaded: dropped.
    return _IMG.sub(lambda m: m.group(0) if "data-image-id=" in m.group(0) else "", html).strip()


def _text(html):
    return html_lib.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", _BLOCK_END.sub("\n", html))))


def convert(markdown):
    """(stored HTML, public HTML, plain text) for one Markdown text."""
    stored = _clean(_MD.render(markdown or ""), None)
    public = _clean(stored, "noopener noreferrer")
    return stored, public, _text(public)


# (model, source field, public HTML field, plain-text field or None, how the text is stored)
TARGETS = [
    ("article", "body", "body_html", "body_text", lambda t: " ".join(t.split())),
    ("faq", "answer", "answer_html", "answer_text", str.strip),
    ("safetyitem", "guidance", "guidance_html", None, None),
]


def markdown_to_html(apps, schema_editor):
    for model_name, source, public_field, text_field, shape in TARGETS:
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("education", name)
            key = "pk" if name == model_name else "history_id"
            for row in model.objects.only(key, source).iterator():
                stored, public, text = convert(getattr(row, source))
                values = {source: stored, public_field: public}
                if text_field:
                    values[text_field] = shape(text)
                model.objects.filter(**{key: getattr(row, key)}).update(**values)


def _index_sql(body, answer):
    article = (
        "new.title, new.summary || ' ' || new.key_points, new.{}".format(body),
        "education_article.title, education_article.summary || ' ' || education_article.key_points, "
        f"education_article.{body}",
    )
    faq = (f"new.question, '', new.{answer}", f"education_faq.question, '', education_faq.{answer}")
    sqlite = []
    for table, code, (new_cols, table_cols) in (("education_article", 1, article), ("education_faq", 2, faq)):
        insert = f"INSERT INTO education_search(rowid, title, middle, body) VALUES (new.id * 4 + {code}, {new_cols});"
        delete = f"DELETE FROM education_search WHERE rowid = old.id * 4 + {code};"
        sqlite += [
            f"DROP TRIGGER IF EXISTS {table}_search_ai",
            f"DROP TRIGGER IF EXISTS {table}_search_au",
            f"CREATE TRIGGER IF NOT EXISTS {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_search_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
            f"DELETE FROM education_search WHERE rowid % 4 = {code}",
            f"INSERT INTO education_search(rowid, title, middle, body) SELECT id * 4 + {code}, {table_cols} FROM {table}",
        ]
    postgresql = [
        "CREATE OR REPLACE FUNCTION education_article_search_update() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "        BEGIN\n"
        "            NEW.search_vector := setweight(to_tsvector('english', NEW.title), 'A') || "
        "setweight(to_tsvector('english', NEW.summary || ' ' || NEW.key_points), 'B') || "
        f"setweight(to_tsvector('english', NEW.{body}), 'C');\n"
        "            INSERT INTO education_search_word(word) SELECT lexeme FROM unnest(NEW.search_vector)\n"
        "                ON CONFLICT DO NOTHING;\n"
        "            RETURN NEW;\n"
        "        END $$",
        "CREATE OR REPLACE FUNCTION education_faq_search_update() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "        BEGIN\n"
        "            NEW.search_vector := setweight(to_tsvector('english', NEW.question), 'A') || "
        "setweight(to_tsvector('english', ''), 'B') || "
        f"setweight(to_tsvector('english', NEW.{answer}), 'C');\n"
        "            INSERT INTO education_search_word(word) SELECT lexeme FROM unnest(NEW.search_vector)\n"
        "                ON CONFLICT DO NOTHING;\n"
        "            RETURN NEW;\n"
        "        END $$",
        "UPDATE education_article SET id = id",
        "UPDATE education_faq SET id = id",
    ]
    return sqlite, postgresql


def _run(statements, schema_editor):
    sqlite, postgresql = statements
    vendor = schema_editor.connection.vendor
    has_index = True
    if vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'education_search'")
            has_index = bool(cursor.fetchone()[0])
    for sql in {"sqlite": sqlite if has_index else [], "postgresql": postgresql}.get(vendor, []):
        schema_editor.execute(sql)


def index_plain_text(apps, schema_editor):
    _run(_index_sql("body_text", "answer_text"), schema_editor)


def index_source_columns(apps, schema_editor):
    _run(_index_sql("body", "answer"), schema_editor)


class Migration(migrations.Migration):
    dependencies = [("education", "0012_images")]

    operations = [
        # Markdown -> HTML first (with the old triggers still on the old columns), then the
        # index is rebuilt from the plain-text columns the conversion filled.
        migrations.RunPython(markdown_to_html, migrations.RunPython.noop),
        migrations.RunPython(index_plain_text, index_source_columns),
    ]
