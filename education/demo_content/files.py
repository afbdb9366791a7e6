"""Read the demo content files: Markdown with a YAML header block, and small YAML lists.

The header block is read by education.text.frontmatter (the same reader as import_content), then
checked strictly here: every kind of file has fields it must have and fields it may have, each
of a given type, so a typo in a field name or a missing title is an error naming the file, not
a silently empty page.
"""

import datetime
from pathlib import Path

import yaml

from education.text import pemat
from education.text.frontmatter import ContentFileError, parse

ROOT = Path(__file__).resolve().parent


REFERENCE_FIELDS = {"title": str, "publisher": str, "year": (int, type(None)), "url": str}

# kind: (required fields, optional fields with their defaults); values are the allowed types.
ARTICLE = (
    {"title": str, "slug": str, "topic": str, "summary": str, "key_points": list, "references": list},
    {
        "featured": (bool, False),
        "reviewer": (str, ""),
        "review_interval_months": (int, 12),
        "demo": (bool, True),
        "related": (list, []),
        "review_notes": (str, ""),
        "shows_details_checked_on": (bool, False),
    },
)
FAQ = (
    {"question": str, "slug": str, "category": str, "order": int},
    {
        "demo": (bool, True),
        "review_notes": (str, ""),
        "review_interval_months": (int, 12),
        "shows_details_checked_on": (bool, False),
    },
)
SAFETY = (
    {"title": str, "slug": str, "kind": str, "why": str, "order": int},
    {"demo": (bool, True), "review_notes": (str, ""), "review_interval_months": (int, 12)},
)
GLOSSARY = ({"term": str, "slug": str}, {"also_known_as": (str, ""), "demo": (bool, True)})
SAFETY_INFORMATION = (
    {"title": str, "slug": str, "articles": list},
    {
        "show_on_safety_page": (bool, True),
        "show_on_prepare_page": (bool, False),
        "demo": (bool, True),
        "review_notes": (str, ""),
    },
)


def _check(header, kind, where):
    required, optional = kind
    if not isinstance(header, dict):
        raise ContentFileError(f"{where}: the header must be a list of 'field: value' lines.")
    unknown = set(header) - set(required) - set(optional)
    if unknown:
        raise ContentFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    result = {}
    for name in required:
        if name not in header or header[name] in (None, ""):
            raise ContentFileError(f"{where}: the field '{name}' is missing or empty.")
        result[name] = header[name]
    for name, (_types, default) in optional.items():
        result[name] = header.get(name, default)
        if result[name] is None:
            result[name] = default
    for name, value in result.items():
        types = required.get(name) or optional[name][0]
        if not isinstance(value, types) or (types is int and isinstance(value, bool)):
            raise ContentFileError(f"{where}: '{name}' has the wrong kind of value ({value!r}).")
    return result


def _markdown_items(folder, kind, body_field):
    items = []
    for path in sorted((ROOT / folder).rglob("*.md")):
        where = str(path.relative_to(ROOT))
        header, body = parse(path.read_text(encoding="utf-8"), where)
        body = body.strip() + "\n"  # Markdown: the blank lines around it mean nothing
        if not body.strip():
            raise ContentFileError(f"{where}: the text below the header is empty.")
        item = _check(header, kind, where)
        if item["slug"] != path.stem:
            raise ContentFileError(f"{where}: the slug '{item['slug']}' must match the file name.")
        item[body_field] = body
        items.append(item)
    return items


def load_yaml(name):
    try:
        return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentFileError(f"{name}: not valid: {error}") from None


def articles():
    items = _markdown_items("articles", ARTICLE, "body")
    for item in items:
        where = f"articles/{item['slug']}.md"
        item["key_points"] = [str(point) for point in item["key_points"]]
        for n, reference in enumerate(item["references"]):
            if not isinstance(reference, dict) or set(reference) != set(REFERENCE_FIELDS):
                raise ContentFileError(
                    f"{where}: reference {n + 1} needs exactly title, publisher, year and url."
                )
            for field, types in REFERENCE_FIELDS.items():
                if reference[field] is None and field == "url":
                    reference[field] = ""
                if not isinstance(reference[field], types):
                    raise ContentFileError(f"{where}: reference {n + 1} has a wrong '{field}'.")
    return items


def faqs():
    items = _markdown_items("faqs", FAQ, "answer")
    for item in items:
        if not (ROOT / "faqs" / item["category"] / f"{item['slug']}.md").exists():
            raise ContentFileError(f"FAQ {item['slug']}: it must sit in the folder faqs/{item['category']}/.")
    return sorted(items, key=lambda item: (item["category"], item["order"], item["slug"]))


def safety_items():
    return sorted(_markdown_items("safety", SAFETY, "guidance"), key=lambda item: item["order"])


def glossary():
    items = _markdown_items("glossary", GLOSSARY, "definition")
    for item in items:
        item["definition"] = item["definition"].strip()  # a plain-text field, not Markdown
    return items


def safety_information():
    return _markdown_items("safety_information", SAFETY_INFORMATION, "body")


PEMAT_FILE = "pemat.yaml"


def pemat_scores(article_slugs):
    """{article slug: {"answers": {item: answer}, "reasons": {item: why}}} from pemat.yaml, plus
    the file's scored_by and scored_on. Every article must be a demo article and every PEMAT-P item
    must be answered once, with a reason for each "disagree" and "na"."""
    data = load_yaml(PEMAT_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise ContentFileError(f"{PEMAT_FILE}: it needs 'scored_by', 'scored_on' and 'articles'.")
    unknown = set(data) - {"scored_by", "scored_on", "articles"}
    if unknown:
        raise ContentFileError(f"{PEMAT_FILE}: unknown field(s) {', '.join(sorted(unknown))}.")
    if not isinstance(data.get("scored_by"), str) or not data["scored_by"].strip():
        raise ContentFileError(f"{PEMAT_FILE}: 'scored_by' is missing or empty.")
    if not isinstance(data.get("scored_on"), datetime.date):
        raise ContentFileError(f"{PEMAT_FILE}: 'scored_on' must be a date (YYYY-MM-DD).")
    scores = {}
    for slug, items in data["articles"].items():
        where = f"{PEMAT_FILE}, article '{slug}'"
        if slug not in article_slugs:
            raise ContentFileError(f"{where}: there is no demo article with this slug.")
        if not isinstance(items, dict):
            raise ContentFileError(f"{where}: list each item as 'number: answer'.")
        answers, reasons = {}, {}
        for key, value in items.items():
            item = pemat.ITEMS_BY_KEY.get(str(key))
            if item is None:
                raise ContentFileError(f"{where}: there is no PEMAT-P item {key}.")
            answer, _, reason = str(value).partition(":")
            answer, reason = answer.strip(), reason.strip()
            if answer not in pemat.ANSWER_LABELS:
                raise ContentFileError(
                    f"{where}: item {key} must be 'agree', 'disagree: why' or 'na: why', not {value!r}."
                )
            if (answer == pemat.AGREE) == bool(reason):
                raise ContentFileError(
                    f"{where}: item {key} needs a reason after 'disagree:' or 'na:', and none after 'agree'."
                )
            answers[item.key], reasons[item.key] = answer, reason
        try:
            answers = pemat.clean_answers(answers)
        except ValueError as error:
            raise ContentFileError(f"{where}: {error}") from None
        missing = pemat.unanswered(answers)
        if missing:
            numbers = ", ".join(item.key for item in missing)
            raise ContentFileError(f"{where}: item(s) {numbers} not answered.")
        scores[slug] = {"answers": answers, "reasons": {k: v for k, v in reasons.items() if v}}
    return {"scored_by": data["scored_by"].strip(), "scored_on": data["scored_on"], "articles": scores}
