"""Site search over published articles, FAQs and glossary terms, on PostgreSQL or SQLite.

Both databases keep their own full-text index current with triggers, so every write path
(admin, ``bulk_create``, raw SQL, restores) updates it:

- PostgreSQL: a weighted ``search_vector`` tsvector column on each table with a GIN index,
  plus a vocabulary table of indexed words for spelling suggestions.
- SQLite: one FTS5 table (porter stemming) whose rowid encodes the kind and id, ranked with
  ``bm25``, and an ``fts5vocab`` table for spelling suggestions.

One results contract on both: the query is cut into words (so no query syntax ever reaches
the database), stop words are dropped, every word must match (longer words as prefixes),
matches in the title rank above the summary and key points, which rank above the body; when
nothing matches, each word is swapped for its closest indexed word (one typo) and tried again.
"""

# SQL here is assembled from the constants below only; visitor input always travels as parameters.
# ruff: noqa: S608

import difflib
import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from education.content.markdown import html_to_text
from education.models import FAQ, Article, Topic
from education.site.cache import cached_or_rendered

RESULTS_PER_PAGE = 10
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_WORD_CHARS = 40
PREFIX_FROM = 4  # words this long also match as prefixes ("ketamin" finds "ketamine")
SEARCH_CACHE_SECONDS = 5 * 60  # results pages are replaced by content; this only bounds the cache

_STOP_WORDS = (
    "a an and are as at be but by can do does for from has have how i if in into is it its me my "
    "no not of on or should so than that the their then there these they this to was we what when "
    "where which who why will with you your"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())

# What each searchable table contributes: title (ranked highest), summary/key points, body.
# ``{row}`` is NEW inside PostgreSQL triggers, ``new``/``old`` in SQLite, the table otherwise.
SOURCES = {
    "article": {
        "table": "education_article",
        "code": 1,
        "title": "{row}.title",
        "middle": "{row}.summary || ' ' || {row}.key_points",
        "body": "{row}.body_text",  # the words alone, not the stored HTML's tags
    },
    "faq": {
        "table": "education_faq",
        "code": 2,
        "title": "{row}.question",
        "middle": "''",
        "body": "{row}.answer_text",
    },
    "term": {
        "table": "education_glossaryterm",
        "code": 3,
        "title": "{row}.term || ' ' || {row}.also_known_as",
        "middle": "{row}.definition",
        "body": "''",
    },
}
FTS_TABLE = "education_search"  # SQLite: rowid = id * 4 + kind code
FTS_VOCAB = "education_search_vocab"
PG_WORDS = "education_search_word"
# Relative weight of a match in the title, the summary/key points and the body.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"
PG_WEIGHTS = "ARRAY[0.01, 0.1, 0.4, 1.0]::float4[]"  # D, C, B, A


# Schema: created by migration 0003 and re-checked after every migrate (see below).


def _sqlite_triggers(source):
    table, code = source["table"], source["code"]

    def values(row):
        cols = ", ".join(source[part].format(row=row) for part in ("title", "middle", "body"))
        return f"INSERT INTO {FTS_TABLE}(rowid, title, middle, body) VALUES ({row}.id * 4 + {code}, {cols});"

    delete = f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 4 + {code};"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_ai AFTER INSERT ON {table} BEGIN {values('new')} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_au AFTER UPDATE ON {table} "
        f"BEGIN {delete} {values('new')} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END",
    ]


def _sqlite_rebuild(source):
    cols = ", ".join(source[part].format(row=source["table"]) for part in ("title", "middle", "body"))
    return [
        f"DELETE FROM {FTS_TABLE} WHERE rowid % 4 = {source['code']}",
        f"INSERT INTO {FTS_TABLE}(rowid, title, middle, body) "
        f"SELECT id * 4 + {source['code']}, {cols} FROM {source['table']}",
    ]


def _pg_vector(source, row):
    return (
        f"setweight(to_tsvector('english', {source['title'].format(row=row)}), 'A') || "
        f"setweight(to_tsvector('english', {source['middle'].format(row=row)}), 'B') || "
        f"setweight(to_tsvector('english', {source['body'].format(row=row)}), 'C')"
    )


def _pg_statements(source):
    table = source["table"]
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        f"""CREATE OR REPLACE FUNCTION {table}_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {_pg_vector(source, "NEW")};
            INSERT INTO {PG_WORDS}(word) SELECT lexeme FROM unnest(NEW.search_vector)
                ON CONFLICT DO NOTHING;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {table}_search ON {table}",
        f"CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_search_update()",
        # Keep the vector in the row itself (long text columns are moved out first): every match is
        # ranked from its vector, and fetching it from the TOAST table doubled a search's time.
        f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN",
        f"UPDATE {table} SET id = id",  # fills search_vector (and rewrites) rows that already exist
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector)",
        # Content changes rarely: merge every write into the index at once, so no search ever has
        # to scan a pending list (GIN's fast-update buffer) after an import.
        f"ALTER INDEX {table}_search_gin SET (fastupdate = off)",
    ]


def install_search_index(schema_editor):
    """Create the full-text index for this database (idempotent)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {PG_WORDS} (word text PRIMARY KEY)")
        # The spelling fallback looks words up by their first letter (LIKE 'k%'): index that.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_WORDS}_prefix ON {PG_WORDS} (word text_pattern_ops)"
        )
        for source in SOURCES.values():
            for sql in _pg_statements(source):
                schema_editor.execute(sql)
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, middle, body, tokenize='porter unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_VOCAB} USING fts5vocab({FTS_TABLE}, 'row')"
        )
        for source in SOURCES.values():
            for sql in _sqlite_triggers(source) + _sqlite_rebuild(source):
                schema_editor.execute(sql)


def remove_search_index(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for source in SOURCES.values():
            table = source["table"]
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_update()")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute(f"DROP TABLE IF EXISTS {PG_WORDS}")
    elif vendor == "sqlite":
        for source in SOURCES.values():
            for suffix in ("ai", "au", "ad"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {source['table']}_search_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_VOCAB}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


@receiver(post_migrate)
def _restore_sqlite_triggers(sender, using="default", **kwargs):
    """SQLite drops a table's triggers when a later migration rebuilds the table: put them back."""
    from django.db import connections

    conn = connections[using]
    if sender.label != "education" or conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_a_'"
        )
        if cursor.fetchone()[0] == 3 * len(SOURCES):
            return
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        if not cursor.fetchone()[0]:
            return  # migration 0003 has not run (yet): nothing to restore
    with conn.schema_editor() as schema_editor:
        install_search_index(schema_editor)


# Queries


def query_words(raw):
    """The words of a visitor's query, lower-cased, without stop words or any query syntax."""
    words = re.findall(r"[^\W_]+", (raw or "")[:MAX_QUERY_CHARS].lower())
    words = [w[:MAX_WORD_CHARS] for w in words if w not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _published_condition(model):
    """``published()`` as a WHERE condition on the model's own (unaliased) table, with its parameters.

    Filtering the searched table directly (rather than ``id IN (subquery)``) spares a second scan
    of the table and a join on every search.
    """
    sql, params = model.objects.published().order_by().values("id").query.sql_with_params()
    table = model._meta.db_table
    head = f'SELECT "{table}"."id" AS "id" FROM "{table}" WHERE '
    if sql.startswith(head) and " FROM " not in sql[len(head) :]:
        return sql[len(head) :], list(params)
    return f"{table}.id IN ({sql})", list(params)  # a shape we did not expect: still correct


def _match(words):
    """The full-text query for these words, built from words only: nothing to inject."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" if len(w) >= PREFIX_FROM else w for w in words)
    return " ".join(f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words)


KIND_CODES = {source["code"]: kind for kind, source in SOURCES.items()}


def _hits_sql():
    """(kind code, id, score, title) of every visible match; the MATCH text is the first parameter."""
    published = {"article": _published_condition(Article), "faq": _published_condition(FAQ)}
    ctes, arms, params = [], [], []
    for kind, source in SOURCES.items():
        table = source["table"]
        title = source["title"].format(row=table).split(" || ")[0]
        condition, condition_params = published.get(kind, ("TRUE", []))
        if connection.vendor == "postgresql":
            # Only the GIN index finds the matches (visibility is computed, not used to pick an
            # index); each match is ranked as its row is read, with no second look-up.
            matched = f"m{source['code']}"
            ctes.append(
                f"{matched} AS MATERIALIZED (SELECT {table}.id, "
                f"ts_rank({PG_WEIGHTS}, {table}.search_vector, q.query) AS score, {title} AS title, "
                f"({condition}) AS visible FROM {table}, q WHERE {table}.search_vector @@ q.query)"
            )
            arms.append(f"SELECT {source['code']} AS kind, id, score, title FROM {matched} WHERE visible")
        else:
            # One FTS5 scan (the "m" CTE) feeds all three kinds.
            arms.append(
                f"SELECT {source['code']} AS kind, {table}.id, m.score, {title} AS title "
                f"FROM m JOIN {table} ON {table}.id = m.rid / 4 "
                f"WHERE m.rid %% 4 = {source['code']} AND {condition}"
            )
        params += condition_params
    if connection.vendor == "postgresql":
        first = "q AS MATERIALIZED (SELECT to_tsquery('english', %s) AS query)"
    else:
        first = (
            f"m AS (SELECT rowid AS rid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        )
    ctes = [first, *ctes, f"hits AS ({' UNION ALL '.join(arms)})"]
    return f"WITH {', '.join(ctes)}", params


def _run(sql, params):
    """Rows of one search query.

    PostgreSQL's planner prices a sequential scan without the cost of reading every row's
    TOASTed search vector, so at a few thousand rows it picks that over the GIN index, and
    finding the matches takes 15-20 ms instead of 3 ms (5,000 articles). Inside the search's
    own transaction it is told to prefer indexes; ``SET LOCAL`` ends with that transaction (or
    with the caller's, when the search runs inside one).
    """
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        with transaction.atomic(using=connection.alias):
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return cursor.fetchall()


# The page of hits (sorted with small columns only), then the details of those few rows.
PAGE_SQL = """
{hits}, page AS (
    SELECT kind, id, score, title, count(*) OVER () AS total FROM hits
    ORDER BY score DESC, title, kind, id LIMIT %s OFFSET %s
)
SELECT page.kind, COALESCE(a.slug, f.slug, g.slug), page.title,
    COALESCE(a.summary, g.also_known_as, ''), COALESCE(a.key_points, ''),
    COALESCE(a.body_html, f.answer_html, g.definition), COALESCE(t.name, c.name, ''), c.slug, page.total
FROM page
LEFT JOIN education_article a ON page.kind = 1 AND a.id = page.id
LEFT JOIN education_topic t ON t.id = a.topic_id
LEFT JOIN education_faq f ON page.kind = 2 AND f.id = page.id
LEFT JOIN education_faqcategory c ON c.id = f.category_id
LEFT JOIN education_glossaryterm g ON page.kind = 3 AND g.id = page.id
ORDER BY page.score DESC, page.title, page.kind, page.id
"""


@dataclass
class Result:
    kind: str
    title: str
    url: str
    label: str
    snippet: str


class Matches:
    """What Paginator needs: a count and one page of results, fetched together in one query."""

    def __init__(self, words, expected_page=1):
        self.words = words
        self.match = _match(words)
        # Clamped: a page past the end is found by counting; a huge number must not overflow OFFSET.
        self.expected_offset = (min(max(expected_page, 1), 10_000) - 1) * RESULTS_PER_PAGE
        self._count, self._pages = None, {}

    def _fetch(self, offset, limit):
        hits, params = _hits_sql()
        rows = _run(PAGE_SQL.format(hits=hits), [self.match, *params, limit, offset])
        if rows:
            self._count = rows[0][-1]
        elif offset == 0:
            self._count = 0  # nothing on the first page: nothing at all, no need to count
        self._pages[offset] = [_result(row, self.words) for row in rows]
        return self._pages[offset]

    def count(self):
        if self._count is None:
            self._fetch(self.expected_offset, RESULTS_PER_PAGE)
        if self._count is None:
            # Asked for a page past the end: count, to find the last page.
            hits, params = _hits_sql()
            self._count = _run(f"{hits} SELECT count(*) FROM hits", [self.match, *params])[0][0]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        rows = (
            self._pages[page.start]
            if page.start in self._pages
            else self._fetch(page.start, RESULTS_PER_PAGE)
        )
        return rows[: page.stop - page.start]


def closest_words(words):
    """Each word swapped for the nearest word in the index (one typo away), where there is one.

    Only runs when nothing matched. One query fetches the indexed words that share each word's
    first letter, through an index: a ``text_pattern_ops`` b-tree on PostgreSQL, a ``term``
    range that ``fts5vocab`` answers without reading the rest of the vocabulary on SQLite.
    """
    firsts = list(dict.fromkeys(word[0] for word in words))
    if connection.vendor == "postgresql":
        one, params = f"SELECT word FROM {PG_WORDS} WHERE word LIKE %s", [f + "%" for f in firsts]
    else:
        one = f"SELECT term FROM {FTS_VOCAB} WHERE term >= %s AND term < %s"
        params = [bound for f in firsts for bound in (f, chr(min(ord(f) + 1, 0x10FFFF)))]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join([one] * len(firsts)), params)
        vocabulary = [w for (w,) in cursor.fetchall()]
    corrected = []
    for word in words:
        candidates = [w for w in vocabulary if w[0] == word[0] and abs(len(w) - len(word)) <= 3]
        corrected += difflib.get_close_matches(word, candidates, n=1, cutoff=0.75) or [word]
    return corrected


# Results


def _highlighter(words):
    # Match on the start of each word, so "depresion" still lights up "depression".
    stems = sorted({w[: max(3, len(w) - 3)] for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def highlight(text, pattern):
    out, last = [], 0
    for found in pattern.finditer(text):
        out += [escape(text[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(texts, pattern, length=220):
    """A short passage around the first match in the first text that has one, highlighted."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in texts:
        found = pattern.search(text)
        if found:
            start = max(0, found.start() - 60)
            if start:
                start = text.find(" ", start) + 1 or start
            passage = text[start : start + length]
            prefix, suffix = ("… " if start else ""), (" …" if start + length < len(text) else "")
            return mark_safe(prefix + highlight(passage, pattern) + suffix)  # noqa: S308
    return highlight(texts[0][:length], pattern) if texts else ""


def _result(row, words):
    code, slug, title, summary, key_points, text, group, category_slug = row[:8]
    kind = KIND_CODES[code]
    pattern = _highlighter(words)
    if kind == "article":
        url, label = reverse("education:article", args=[slug]), f"Article · {group}"
        texts = [summary, key_points, html_to_text(text)]
    elif kind == "faq":
        url, label = reverse("education:faq_question", args=[category_slug, slug]), f"Question · {group}"
        texts = [html_to_text(text)]
    else:
        url, label = reverse("education:glossary") + f"#{slug}", "Glossary"
        return Result(kind, highlight(title, pattern), url, label, highlight(text, pattern))
    return Result(kind, highlight(title, pattern), url, label, snippet(texts, pattern))


def search(raw_query, page_number=1):
    """(page of results, whether the words were corrected) for a visitor's query."""
    words = query_words(raw_query)
    if not words:
        return None, False
    try:
        expected_page = int(page_number)
    except (TypeError, ValueError):
        expected_page = 1
    matches, corrected = Matches(words, expected_page), False
    if not matches.count():
        suggestion = closest_words(words)
        if suggestion != words:
            matches, corrected = Matches(suggestion, expected_page), True
    return Paginator(matches, RESULTS_PER_PAGE).get_page(page_number), corrected


def _cached_key(request, query, page_number):
    """Cache key of one results page: the words as shown and the page asked for (the content token is
    stored with the entry, see ``cached_or_rendered``)."""
    location = json.dumps([request.scheme, request.get_host(), query, page_number])
    return f"search:{hashlib.sha256(location.encode()).hexdigest()}"


def search_view(request):
    """The results page; for anonymous visitors served from the shared cache while content is unchanged.

    Like the other public pages (``education.site.cache``), the key holds the content version, so any
    publish, edit or delete shows on the very next search. Entries also expire after a few minutes,
    so one-off queries do not linger in the cache.
    """
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS].replace("\x00", "").strip()
    page_number = request.GET.get("page")

    def render_results():
        page, corrected = search(query, page_number)
        context = {"query": query, "page": page, "corrected": corrected}
        if not page or not page.object_list:
            context["topics"] = Topic.objects.all()
        return render(request, "education/search.html", context)

    if request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        key = _cached_key(request, query, page_number)
        return cached_or_rendered(request, key, SEARCH_CACHE_SECONDS, render_results)
    return render_results()
