"""Moving content between sites: export_content writes files, import_content reads them back.

A whole site brought into an empty database (--site) gives the same public pages and the same rows;
an import into a live site adds drafts and never overwrites what staff edited; bad files import
nothing and say what is wrong."""

import datetime
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from education.editorial import drafts
from education.management.commands.import_content import Command as ImportCommand
from education.models import (
    FAQ,
    Article,
    Draft,
    FAQCategory,
    GlossaryTerm,
    MedicalReviewer,
    PematScore,
    Reference,
    SafetyInformation,
    SelfCheckQuestion,
    Status,
    Topic,
    TreatmentDayStep,
)
from education.text import pemat
from education.transfer.kinds import DERIVED, all_kinds  # recomputed on save, so left out

pytestmark = pytest.mark.django_db


def content_models():
    """Every kind of content, in import order (so reversed, what others PROTECT goes last)."""
    return [kind.model for kind in all_kinds()]


def row_counts():
    models = [m for kind in all_kinds() for m in [kind.model, *(c.model for c in kind.children)]]
    return {m._meta.label: m._default_manager.count() for m in models}


def public_urls():
    urls = ["/", "/faq/", "/safety/", "/glossary/", "/prepare/", "/self-check/", "/sitemap.xml"]
    urls += [t.get_absolute_url() for t in Topic.objects.all()]
    urls += [a.get_absolute_url() for a in Article.objects.all()]  # drafts too: both must 404
    urls += [f"/faq/{c.slug}/" for c in FAQCategory.objects.all()]
    urls += [f.get_absolute_url() for f in FAQ.objects.select_related("category")]
    urls += ["/search/?q=ketamine", "/search/?q=bladder"]
    return urls


def render(urls):
    cache.clear()
    client, pages = Client(), {}
    for url in urls:
        response = client.get(url)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        pages[url] = (response.status_code, html)
    return pages


def wipe():
    for model in reversed(content_models()):  # children go with their parents
        model._default_manager.all().delete()
    assert not any(row_counts().values())


@pytest.fixture
def varied_site(demo_content, medical_reviewer_user):
    """The demo plus every state a page can show: a draft, an archived FAQ, a scheduled article, a
    reviewer linked to an account, an article re-scored on PEMAT-P, an inactive self-check question."""
    clinician = MedicalReviewer.objects.get(user=medical_reviewer_user)
    article = Article.objects.order_by("pk").first()
    article.reviewer, article.last_reviewed = clinician, datetime.date(2026, 3, 4)
    article.save()
    # Every demo article comes with the demo team's PEMAT-P self-score; this one is re-scored by staff.
    PematScore.objects.filter(article=article).update(
        answers={"1": pemat.AGREE, "6": pemat.NOT_APPLICABLE}, notes="n"
    )
    Article.objects.filter(pk=Article.objects.order_by("pk")[1].pk).update(status=Status.DRAFT)
    Article.objects.filter(pk=Article.objects.order_by("pk")[2].pk).update(
        publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    FAQ.objects.filter(pk=FAQ.objects.order_by("pk").first().pk).update(status=Status.ARCHIVED)
    SelfCheckQuestion.objects.filter(pk=SelfCheckQuestion.objects.order_by("pk").first().pk).update(
        active=False
    )
    # A body typed in a browser (CRLF line ends) and one with trailing spaces must come back exactly.
    faq = FAQ.objects.order_by("pk")[3]
    faq.answer = "Line one.\r\n\r\n- a point  \r\n- another\r\n"
    faq.save()
    # A cost answer whose prices staff checked (the demo's are never checked).
    FAQ.objects.filter(slug="how-much-does-it-cost").update(details_checked_on=datetime.date(2026, 3, 4))


def test_whole_site_round_trip_gives_the_same_pages_and_rows(varied_site, tmp_path):
    urls = public_urls()
    before_pages, before_counts = render(urls), row_counts()
    before_fields = {
        (m._meta.label, obj.pk): {
            f.name: getattr(obj, f.attname) for f in m._meta.concrete_fields if f.name not in DERIVED
        }
        for m in content_models()
        for obj in m._default_manager.all()
    }
    assert sum(code == 200 for code, _ in before_pages.values()) > 50  # every page type, most items

    call_command("export_content", str(tmp_path / "export"), verbosity=0)
    wipe()
    call_command("import_content", str(tmp_path / "export"), "--site", verbosity=0)

    assert row_counts() == before_counts
    after_pages = render(urls)
    for url in urls:
        assert after_pages[url] == before_pages[url], url
    after_fields = {
        (m._meta.label, obj.pk): {
            f.name: getattr(obj, f.attname) for f in m._meta.concrete_fields if f.name not in DERIVED
        }
        for m in content_models()
        for obj in m._default_manager.all()
    }
    changed = {
        key: {name for name, value in fields.items() if after_fields[key][name] != value}
        for key, fields in before_fields.items()
        if after_fields.get(key) != fields
    }
    assert changed == {}
    assert PematScore.objects.count() == Article.objects.count()  # the demo's self-scores came across
    score = PematScore.objects.get(article=Article.objects.order_by("pk").first())
    assert score.answers == {"1": pemat.AGREE, "6": pemat.NOT_APPLICABLE} and score.notes == "n"
    assert MedicalReviewer.objects.get(name="Dr. Clinician").user.username == "clinician"
    cost = FAQ.objects.get(slug="how-much-does-it-cost")
    assert "Price and programme details last checked on" in after_pages[cost.get_absolute_url()][1]


def test_new_rows_after_a_site_import_get_fresh_ids(varied_site, tmp_path):
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    top = Article.objects.order_by("-pk").first().pk
    wipe()
    call_command("import_content", str(tmp_path / "x"), "--site", verbosity=0)
    topic = Topic.objects.create(name="New topic", slug="new-topic", summary="New.")
    assert topic.pk > 0
    new = Article.objects.create(title="New", slug="new", topic=topic, summary="s", body="b")
    assert new.pk > top


def test_site_import_refuses_a_database_with_content(demo_content, tmp_path):
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    counts = row_counts()
    with pytest.raises(CommandError, match="EMPTY database.*Nothing was imported"):
        call_command("import_content", str(tmp_path / "x"), "--site", verbosity=0)
    assert row_counts() == counts


def test_import_into_a_live_site_adds_drafts_and_keeps_staff_edits(demo_content, tmp_path, capsys):
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    gone = Article.objects.get(slug="ketamine-for-ptsd-what-we-know")
    references = list(gone.references.values_list("title", flat=True))
    gone.delete()
    GlossaryTerm.objects.filter(slug="cpap").delete()
    TreatmentDayStep.objects.order_by("order").first().delete()
    edited = Article.objects.get(slug="side-effects-and-safety")
    edited.body = "Our clinic's own text."
    edited.save()
    counts = row_counts()

    call_command("import_content", str(tmp_path / "x"))
    out = capsys.readouterr().out
    assert (
        "Created: 1 articles (as drafts), 1 glossary terms (as drafts), 1 treatment-day steps (as drafts)."
        in out
    )
    files = len(list((tmp_path / "x").rglob("*.md")))
    assert f"Skipped {files - 3}, already on this site (left as they are):" in out
    articles = Article.objects.count() - 1
    skipped_articles = re.search(rf"  - {articles} articles: (.*)", out).group(1).split(", ")
    assert "articles/side-effects-and-safety.md" in skipped_articles
    assert counts[Article._meta.label] + 1 == row_counts()[Article._meta.label]

    back = Article.objects.get(slug="ketamine-for-ptsd-what-we-know")
    assert (back.status, back.reviewer, back.last_reviewed) == (Status.DRAFT, None, None)
    assert list(back.references.values_list("title", flat=True)) == references
    assert back.related.exists()
    assert Client().get(back.get_absolute_url()).status_code == 404  # a draft: patients do not see it
    assert TreatmentDayStep.objects.filter(active=False).count() == 1
    assert not GlossaryTerm.objects.get(slug="cpap").active  # switched off: on no glossary page yet
    assert Article.objects.get(slug="side-effects-and-safety").body == "Our clinic's own text."


def test_the_safety_block_and_a_cost_answer_come_into_a_live_site_as_drafts_without_the_checks(
    demo_content, tmp_path
):
    """The boxed-warning block is a file like the demo's (its text below the header); imported into a
    live site it waits, switched off, and never replaces the block staff edited. Another site's check
    of its prices does not count here."""
    checked = timezone.localdate() - datetime.timedelta(days=10)
    FAQ.objects.filter(slug="how-much-does-it-cost").update(details_checked_on=checked)
    block = SafetyInformation.objects.get()
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    text = (tmp_path / "x" / "safety_information" / f"{block.slug}.md").read_text(encoding="utf-8")
    assert text.endswith(f"---\n\n{block.body}")  # the text staff edit, below the header
    cost = (tmp_path / "x/faqs/costs-and-insurance/how-much-does-it-cost.md").read_text(encoding="utf-8")
    assert re.search(rf"\ndetails_checked_on: '?{checked.isoformat()}'?\n", cost)

    block.body = "<p>Our clinic's own warnings.</p>"
    block.save()
    FAQ.objects.get(slug="how-much-does-it-cost").delete()
    call_command("import_content", str(tmp_path / "x"), verbosity=0)
    assert SafetyInformation.objects.get().body == "<p>Our clinic's own warnings.</p>"  # left as it is
    cost = FAQ.objects.get(slug="how-much-does-it-cost")
    assert (cost.status, cost.shows_details_checked_on, cost.details_checked_on) == (Status.DRAFT, True, None)

    articles = set(block.articles.values_list("slug", flat=True))
    block.delete()
    call_command("import_content", str(tmp_path / "x"), verbosity=0)
    back = SafetyInformation.objects.get()
    assert not back.active and set(back.articles.values_list("slug", flat=True)) == articles
    cache.clear()
    assert "Esketamine carries the FDA" not in Client().get("/safety/").content.decode()  # not yet


def test_a_new_topic_and_faq_category_wait_switched_off_with_a_draft_in_review(
    make_article, make_faq, medical_reviewer_user, tmp_path, capsys
):
    """A topic's summary is on the home page once it exists, and a category's name on /faq/: brought
    into a live site they are switched off, each with a draft that switches it on, in the review
    queue, as the admin does with an Editor's new glossary term. A reviewer's approval puts it live."""
    topic = Topic.objects.create(
        name="Sleep and rest", slug="sleep", summary="Rest after treatment.", order=9
    )
    category = FAQCategory.objects.create(name="After your visit", slug="after-your-visit", order=9)
    make_article(slug="sleeping-after-treatment", topic=topic)
    make_faq(slug="can-i-drive-home", category=category)
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    Article.objects.filter(topic=topic).delete(), FAQ.objects.filter(category=category).delete()
    topic.delete(), category.delete()

    call_command("import_content", str(tmp_path / "x"))
    out = capsys.readouterr().out
    assert "topics “Sleep and rest”" in out and "FAQ categories “After your visit”" in out
    topic, category = Topic.objects.get(slug="sleep"), FAQCategory.objects.get(slug="after-your-visit")
    assert not topic.active and not category.active
    cache.clear()
    client = Client()
    assert "Sleep and rest" not in client.get("/").content.decode()
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert "After your visit" not in client.get("/faq/").content.decode()
    assert "/topics/sleep/" not in client.get("/sitemap.xml").content.decode()

    for item in (topic, category):
        draft = Draft.objects.get(object_id=item.pk, content_type__model=item._meta.model_name)
        assert draft.state == Draft.State.IN_REVIEW and draft.data["fields"]["active"] is True
    draft = Draft.objects.get(object_id=topic.pk, content_type__model="topic")
    drafts.approve(draft.pk, medical_reviewer_user, draft.version)
    topic.refresh_from_db()
    assert topic.active
    cache.clear()
    assert "Sleep and rest" in Client().get("/").content.decode()


@pytest.fixture
def small_site(make_article, make_faq, make_term, make_safety_item, reviewer):
    make_article(slug="side-effects-and-safety")
    category = FAQCategory.objects.create(name="Treatment day", slug="treatment-day", order=2)
    make_faq(slug="how-does-it-feel", category=category, order=2, reviewer=reviewer)
    make_term(slug="cpap", term="CPAP")
    make_safety_item(slug="liver-disease", reviewer=reviewer)


def _export(tmp_path):
    root = tmp_path / "x"
    call_command("export_content", str(root), verbosity=0)
    wipe()
    return root


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INPUT = {
    "missing field": (
        lambda root: _edit(root / "articles/side-effects-and-safety.md", "\nsummary:", "\nsummary_typo:"),
        ["articles/side-effects-and-safety.md: unknown field 'summary_typo'",
         "articles/side-effects-and-safety.md: the field 'summary' is missing or empty."],
    ),
    "unknown field": (
        lambda root: _edit(root / "articles/side-effects-and-safety.md", "\ntopic: ", "\nx_: 1\ntopic: "),
        ["unknown field 'x_'"],
    ),
    "no header": (
        lambda root: (root / "glossary/cpap.md").write_text("CPAP is a machine.\n", encoding="utf-8"),
        ["glossary/cpap.md: the file must start with a '---' line"],
    ),
    "header not closed": (
        lambda root: (root / "glossary/cpap.md").write_text("---\nterm: CPAP\nslug: cpap\n"),
        ["glossary/cpap.md: the header block is not closed"],
    ),
    "bad yaml": (
        lambda root: _edit(root / "glossary/cpap.md", "term: CPAP", "term: [CPAP"),
        ["glossary/cpap.md: the header block is not valid YAML"],
    ),
    "unknown kind": (
        lambda root: (root / "recipes").mkdir() or (root / "recipes/soup.md").write_text("---\n---\n"),
        ["recipes/soup.md: not a content file this site knows"],
    ),
    "bad value": (
        lambda root: _edit(root / "faqs/treatment-day/how-does-it-feel.md", "order: 2", "order: second"),
        ["faqs/treatment-day/how-does-it-feel.md: 'order' has a value this field cannot take"],
    ),
    "list for text": (
        lambda root: _edit(root / "glossary/cpap.md", "term: CPAP", "term: [CPAP, C-PAP]"),
        ["glossary/cpap.md: 'term' must be a single value, not a list or a mapping."],
    ),
    "same slug twice": (
        lambda root: (root / "glossary/cpap-again.md").write_text((root / "glossary/cpap.md").read_text()),
        ["glossary/cpap.md: the same glossary term as glossary/cpap-again.md (“cpap”)."],
    ),
    "empty body": (
        lambda root: (root / "safety/liver-disease.md").write_text(
            (root / "safety/liver-disease.md").read_text().split("\n---\n")[0] + "\n---\n"
        ),
        ["safety/liver-disease.md: the text below the header is empty."],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_imports_nothing_and_says_what_is_wrong(small_site, tmp_path, case):
    root = _export(tmp_path)
    spoil, messages = BAD_INPUT[case]
    spoil(root)
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_content", str(root), *(["--site"] if case == "missing field" else []), verbosity=0
        )
    for message in messages:
        assert message in str(raised.value)
    assert str(raised.value).startswith("Nothing was imported")
    assert not any(row_counts().values())


@pytest.mark.parametrize("mode", [[], ["--site"]], ids=["drafts", "site"])
def test_unknown_topic_or_category_is_refused_after_the_others_were_written(small_site, tmp_path, mode):
    """References are checked while writing: the transaction takes back everything written before."""
    root = _export(tmp_path)
    _edit(root / "articles/side-effects-and-safety.md", "\ntopic: ", "\ntopic: no-such-topic\nold_topic: ")
    (root / "articles/side-effects-and-safety.md").write_text(
        re.sub(r"\nold_topic: .*", "", (root / "articles/side-effects-and-safety.md").read_text())
    )
    _edit(root / "faqs/treatment-day/how-does-it-feel.md", "category: treatment-day", "category: nowhere")
    with pytest.raises(CommandError) as raised:
        call_command("import_content", str(root), *mode, verbosity=0)
    assert "articles/side-effects-and-safety.md: unknown topic 'no-such-topic'" in str(raised.value)
    assert "faqs/treatment-day/how-does-it-feel.md: unknown category 'nowhere'" in str(raised.value)
    assert not any(row_counts().values())


def test_a_failed_import_exits_non_zero_with_the_message_on_stderr(small_site, tmp_path, capsys):
    root = _export(tmp_path)
    (root / "glossary/cpap.md").write_text("no header\n")
    with mock.patch("django.db.connections.close_all"), pytest.raises(SystemExit) as exited:
        ImportCommand().run_from_argv(["manage.py", "import_content", str(root)])
    assert exited.value.code == 1
    assert "glossary/cpap.md: the file must start with a '---' line" in capsys.readouterr().err
    assert not any(row_counts().values())


def test_export_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.md").write_text("x")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("export_content", str(tmp_path))


def test_references_keep_their_order_and_fields(make_article, tmp_path):
    article = make_article(
        references=[
            {"title": "B second", "publisher": "P", "year": None, "url": "", "order": 2},
            {"title": "A first", "publisher": "Q", "year": 2024, "url": "https://www.fda.gov/x", "order": 1},
        ]
    )
    call_command("export_content", str(tmp_path / "x"), verbosity=0)
    wipe()
    call_command("import_content", str(tmp_path / "x"), verbosity=0)
    copy = Article.objects.get(slug=article.slug)
    got = list(copy.references.values_list("title", "publisher", "year", "url", "order"))
    assert got == [("A first", "Q", 2024, "https://www.fda.gov/x", 1), ("B second", "P", None, "", 2)]
    assert Reference.objects.count() == 2


def test_ids_inside_text_follow_their_rows_into_a_live_site(make_article, tmp_path):
    """An item placed in a text by id (an image in an article: data-image-id) keeps pointing at it
    when the rows it names get new ids as drafts."""
    from education.transfer.importer import Importer

    importer = Importer(tmp_path)
    target = make_article(slug="placed")
    importer.by_old_id[(Article, 5)] = target
    text = '<p>See <span data-article-id="5"></span> and <span data-article-id="6"></span>.</p>'
    assert importer.renumber(text) == text.replace('"5"', f'"{target.pk}"')
