"""Search queries: visitor text cut into words, one SQL query per results page, and a typo fallback.

One results contract on both databases: no query syntax ever reaches the database, stop words are
dropped, every word must match (longer words as prefixes), matches in the title rank above the
summary and key points, which rank above the body; when nothing matches, each word is swapped for
its closest indexed word (one typo) and tried again.
"""

# SQL here is assembled from constants and the rules for what patients see only; visitor input always travels
# as parameters.
# ruff: noqa: S608

import difflib
import re

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models.sql import Query

from education.models import FAQ, Article, GlossaryTerm, active_q, published_q

from .index import FTS_TABLE, FTS_VOCAB, PG_WEIGHTS, PG_WORDS, SOURCES, SQLITE_WEIGHTS, head_vector
from .results import result_from_row

RESULTS_PER_PAGE = 10
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_WORD_CHARS = 40
PREFIX_FROM = 4  # words this long also match as prefixes ("ketamin" finds "ketamine")

_STOP_WORDS = (
    "a an and are as at be but by can do does for from has have how i if in into is it its me my "
    "no not of on or should so than that the their then there these they this to was we what when "
    "where which who why will with you your"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


def query_words(raw):
    """The words of a visitor's query, lower-cased, without stop words or any query syntax."""
    words = re.findall(r"[^\W_]+", (raw or "")[:MAX_QUERY_CHARS].lower())
    words = [w[:MAX_WORD_CHARS] for w in words if w not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _shown_condition(model, shown):
    """What patients may see of a model (a Q) as SQL on the model's own, unaliased table.

    Compiled by Django from the one definition, so search can filter the searched table directly
    (rather than ``id IN (subquery)``, which costs a second scan of the table on every search).
    """
    query = Query(model)
    sql, params = query.build_where(shown).as_sql(query.get_compiler(connection=connection), connection)
    return sql, list(params)


def _match(words, columns=""):
    """The full-text query for these words, built from words only: nothing to inject. On SQLite,
    ``columns`` ("{title middle}") limits it to those columns."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" if len(w) >= PREFIX_FROM else w for w in words)
    phrases = " ".join(f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words)
    return f"{columns} : ({phrases})" if columns else phrases


# Search ranks a bounded set of candidates, so its cost does not grow with how many items match a
# common word. Up to CANDIDATES matches of each kind are found through the index without ranking;
# if there are fewer, they are all ranked, exactly as always. If there are more (``more``: the
# page then says "more than"), the matches in titles, summaries and key points (where the best
# results are: they weigh most) join them, again CANDIDATES at most, found the same way. On
# SQLite those are scored on their title and summary alone (FTS5 ranks what its query matched).
CANDIDATES = 300


def _hits_sql():
    """WITH clauses ending in ``hits`` (kind code, id, score, title of the visible candidates) and
    ``more`` (one row: whether more matched than are ranked), with their parameters after
    ``_match_params``."""
    published = {
        "article": _shown_condition(Article, published_q()),
        "faq": _shown_condition(FAQ, published_q()),
        "term": _shown_condition(GlossaryTerm, active_q()),
    }
    pg = connection.vendor == "postgresql"
    ctes, arms, params, counts, head_params = [], [], [], [], []
    for kind, source in SOURCES.items():
        table, code = source["table"], source["code"]
        title = source["title"].format(row=table).split(" || ")[0]
        condition, condition_params = published.get(kind, ("TRUE", []))
        if pg:
            # Candidates through the GIN indexes (visibility checked on the rows read only), each
            # then ranked from its own row.
            def pick(match, table=table, condition=condition):
                return f"SELECT {table}.id FROM {table}, q WHERE {match} AND ({condition}) LIMIT {CANDIDATES}"

            ctes.append(f"a{code} AS MATERIALIZED ({pick(f'{table}.search_vector @@ q.query')})")
            counts.append(f"(SELECT count(*) FROM a{code})")
            arms.append(
                f"SELECT {code} AS kind, {table}.id, "
                f"ts_rank({PG_WEIGHTS}, {table}.search_vector, q.query) AS score, {title} AS title "
                f"FROM (SELECT id FROM a{code} UNION SELECT id FROM "
                f"({pick(f'{head_vector(source)} @@ q.query')}) h{code} WHERE (SELECT more FROM more)) "
                f"c{code} JOIN {table} ON {table}.id = c{code}.id, q"
            )
            head_params += condition_params
        else:
            arms.append(
                f"SELECT {code} AS kind, {table}.id, m.score, {title} AS title "
                f"FROM m JOIN {table} ON {table}.id = m.rid / 4 "
                f"WHERE m.rid %% 4 = {code} AND {condition}"
            )
        params += condition_params
    if pg:
        params += head_params  # the hits' arms come after a1..a3
        first = ["q AS MATERIALIZED (SELECT to_tsquery('english', %s) AS query)", *ctes]
        first.append(
            f"more AS MATERIALIZED (SELECT {' OR '.join(f'{c} >= {CANDIDATES}' for c in counts)} AS more)"
        )
    else:
        # FTS5 works out bm25 only for the rows it returns (one index for all kinds, so one
        # CANDIDATES for all): nothing is ranked before it is a candidate.
        scored = f"SELECT rowid AS rid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS score FROM {FTS_TABLE}"
        limit = f"MATCH %s LIMIT {CANDIDATES}"
        first = [
            f"a AS MATERIALIZED (SELECT rowid AS rid FROM {FTS_TABLE} WHERE {FTS_TABLE} {limit})",
            f"more AS MATERIALIZED (SELECT (SELECT count(*) FROM a) >= {CANDIDATES} AS more)",
            # A row found by both keeps its score from the whole text (the higher one).
            f"m AS MATERIALIZED (SELECT rid, max(score) AS score FROM (SELECT * FROM ({scored} "
            f"WHERE {FTS_TABLE} {limit}) UNION ALL SELECT * FROM ({scored} WHERE {FTS_TABLE} {limit}) "
            f"WHERE (SELECT more FROM more)) GROUP BY rid)",
        ]
    ctes = [*first, f"hits AS ({' UNION ALL '.join(arms)})"]
    return f"WITH {', '.join(ctes)}", params


def _match_params(words):
    """The leading parameters of ``_hits_sql``: the queries its first clauses match with."""
    if connection.vendor == "postgresql":
        return [_match(words)]
    return [_match(words), _match(words), _match(words, "{title middle}")]


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
    SELECT kind, id, score, title, count(*) OVER () AS total, (SELECT more FROM more) AS more FROM hits
    ORDER BY score DESC, title, kind, id LIMIT %s OFFSET %s
)
SELECT page.kind, COALESCE(a.slug, f.slug, g.slug), page.title,
    COALESCE(a.summary, g.also_known_as, ''), COALESCE(a.key_points, ''),
    COALESCE(a.body_html, f.answer_html, g.definition), COALESCE(t.name, c.name, ''), c.slug,
    page.total, page.more
FROM page
LEFT JOIN education_article a ON page.kind = 1 AND a.id = page.id
LEFT JOIN education_topic t ON t.id = a.topic_id
LEFT JOIN education_faq f ON page.kind = 2 AND f.id = page.id
LEFT JOIN education_faqcategory c ON c.id = f.category_id
LEFT JOIN education_glossaryterm g ON page.kind = 3 AND g.id = page.id
ORDER BY page.score DESC, page.title, page.kind, page.id
"""


class Matches:
    """What Paginator needs: a count and one page of results, fetched together in one query.

    The count is of the ranked candidates (at most CANDIDATES); ``more`` says that other matches
    were left unranked, so the page says "more than" rather than counting them all."""

    def __init__(self, words, expected_page=1):
        self.words = words
        self.leading = _match_params(words)
        # Clamped: a page past the end is found by counting; a huge number must not overflow OFFSET.
        self.expected_offset = (min(max(expected_page, 1), 10_000) - 1) * RESULTS_PER_PAGE
        self._count, self.more, self._pages = None, False, {}
        self.candidates = CANDIDATES  # how many are ranked at most (the "more than" figure)

    def _counted(self, total, more):
        self._count, self.more = min(total, self.candidates), bool(more) or total > self.candidates

    def _fetch(self, offset, limit):
        hits, params = _hits_sql()
        rows = _run(PAGE_SQL.format(hits=hits), [*self.leading, *params, limit, offset])
        if rows:
            self._counted(*rows[0][-2:])
        elif offset == 0:
            self._count = 0  # nothing on the first page: nothing at all, no need to count
        self._pages[offset] = [result_from_row(row, self.words) for row in rows]
        return self._pages[offset]

    def count(self):
        if self._count is None:
            self._fetch(self.expected_offset, RESULTS_PER_PAGE)
        if self._count is None:
            # Asked for a page past the end: count, to find the last page.
            hits, params = _hits_sql()
            sql = f"{hits} SELECT count(*), (SELECT more FROM more) FROM hits"
            self._counted(*_run(sql, [*self.leading, *params])[0])
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
