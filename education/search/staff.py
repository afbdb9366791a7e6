"""Staff search in the admin through the site's full-text index (education.search.index).

Django's admin search is ``icontains`` on every search field: at 50,000 articles that is four full
table scans a request (10-15 s). The index already holds every article, FAQ and glossary term
(drafts and archived ones too: it is the table's own index), so the admin asks it for the ids
instead. Every word must match, longer words also as prefixes, as in site search.
"""

# SQL here is assembled from the index's constants only; staff input always travels as a parameter.
# ruff: noqa: S608, S611

from django.db import connection
from django.db.models.expressions import RawSQL

from .index import FTS_TABLE, SOURCES
from .query import query_words

STAFF_PREFIX_FROM = 3  # staff type the start of a title ("ket"): shorter than site search's 4


def indexed_kind(model):
    """The index's entry for this model, or None when the index does not hold it."""
    table = model._meta.db_table
    return next((source for source in SOURCES.values() if source["table"] == table), None)


def _match(words):
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" if len(w) >= STAFF_PREFIX_FROM else w for w in words)
    return " ".join(f'"{w}"*' if len(w) >= STAFF_PREFIX_FROM else f'"{w}"' for w in words)


def matching(queryset, raw):
    """`queryset` narrowed to the rows whose indexed text has every word of `raw`, or None when
    the model is not indexed or `raw` has no words to look for (stop words only)."""
    source = indexed_kind(queryset.model)
    words = query_words(raw)
    if source is None or not words:
        return None
    if connection.vendor == "postgresql":
        ids = f"SELECT id FROM {source['table']} WHERE search_vector @@ to_tsquery('english', %s)"
    else:
        kind = source["code"]
        ids = f"SELECT rowid / 4 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid %% 4 = {kind}"
    return queryset.filter(pk__in=RawSQL(ids, [_match(words)]))
