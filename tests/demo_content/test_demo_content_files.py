"""The demo content lives in reviewable files; a malformed file is an error that names it."""

import pytest

from education import demo_content
from education.demo_content import files


def _write(tmp_path, name, text):
    path = tmp_path / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """---
title: 'A title: with a colon'
slug: good-one
topic: chronic-pain
summary: One sentence.
key_points:
- First point.
references:
- title: A document
  publisher: An agency
  year: 2023
  url: https://agency.example/document
---

## A heading

Some text.
"""


def test_every_article_faq_safety_item_and_term_is_its_own_file():
    root = files.ROOT
    assert {p.stem for p in (root / "articles").glob("*.md")} == {a["slug"] for a in demo_content.ARTICLES}
    for faq in demo_content.FAQS:
        assert (root / "faqs" / faq["category"] / f"{faq['slug']}.md").is_file()
    assert {p.stem for p in (root / "safety").glob("*.md")} == {s["slug"] for s in demo_content.SAFETY_ITEMS}
    assert {p.stem for p in (root / "glossary").glob("*.md")} == {g["slug"] for g in demo_content.GLOSSARY}
    assert {p.name for p in root.glob("*.py")} == {"__init__.py", "files.py"}  # no content left in code


def test_a_well_formed_file_is_read_with_its_header_and_body(tmp_path, monkeypatch):
    _write(tmp_path, "good-one.md", GOOD)
    monkeypatch.setattr(files, "ROOT", tmp_path)
    (article,) = files.articles()
    assert article["title"] == "A title: with a colon"
    assert article["references"][0]["year"] == 2023
    assert article["body"].startswith("## A heading") and article["body"].endswith("Some text.\n")
    assert (
        article["featured"] is False and article["demo"] is True and article["review_interval_months"] == 12
    )


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda t: t.replace("title: 'A title: with a colon'\n", ""), "'title' is missing"),
        (lambda t: t.replace("summary:", "sumary:"), "unknown field(s) sumary"),
        (lambda t: t.replace("slug: good-one", "slug: other-one"), "must match the file name"),
        (lambda t: t.replace("year: 2023", "year: last year"), "reference 1 has a wrong 'year'"),
        (lambda t: t.replace("  url: https://agency.example/document\n", ""), "reference 1 needs exactly"),
        (lambda t: t.replace("key_points:\n- First point.", "key_points: First point."), "'key_points'"),
        (lambda t: t.replace("---\n\n## A heading", "\n## A heading"), "not closed"),
        (lambda t: t[4:], "must start with a '---' line"),
        (lambda t: t.replace("summary: One sentence.", "summary: [unclosed"), "header block is not valid"),
        (lambda t: t.split("---\n\n")[0] + "---\n\n", "text below the header is empty"),
    ],
)
def test_a_malformed_file_is_refused_with_a_message_naming_it(tmp_path, monkeypatch, change, message):
    _write(tmp_path, "good-one.md", change(GOOD))
    monkeypatch.setattr(files, "ROOT", tmp_path)
    with pytest.raises(files.ContentFileError) as error:
        files.articles()
    assert "articles/good-one.md" in str(error.value) and message in str(error.value)
