"""The editor's HTML is cleaned on the server: office pastes keep their structure and lose their
styling, hostile markup never survives, and internal links name the item, not its address."""

from pathlib import Path

import pytest
from django.urls import reverse

from education.content.editor import KeyPointsField, RichTextField
from education.models import Article, Image, Status
from education.text.richtext import clean_rich_html, render_rich_html

CLIPBOARD = Path(__file__).parent.parent / "clipboard"


def test_a_word_paste_keeps_headings_lists_bold_italic_and_links_and_drops_the_rest():
    html = clean_rich_html((CLIPBOARD / "word.html").read_text())
    assert "<h2>Your treatment day</h2>" in html  # Word's Heading 1: the page owns the h1
    assert "<strong>two hours</strong>" in html and "<em>someone to drive you</em>" in html
    assert "<h2>What to bring</h2>" in html
    assert "<ul><li>Your list of medicines</li>\n<li>A snack for afterwards</li>\n</ul>" in html
    assert "<ol><li>Check in at the front desk</li>" in html  # "1." made it a numbered list
    assert '<a href="https://www.fda.gov/drugs">blood pressure</a>' in html
    for gone in (
        "mso-",
        "style",
        "class",
        "Calibri",
        "color",
        "o:p",
        "·",
        "[KN1]",
        "Dr Ruiz",
        "Nurse Kim",
        "<span",
    ):
        assert gone not in html, gone
    assert "&nbsp;" not in html and "<p></p>" not in html  # Word's empty spacer paragraphs


def test_a_google_docs_paste_keeps_structure_and_drops_fonts_colours_and_the_wrapper():
    html = clean_rich_html((CLIPBOARD / "google-docs.html").read_text())
    assert html.startswith("<h2>After your session</h2>")
    assert "<strong>rest of the day</strong><em>, even if you feel fine</em>" in html
    assert '<a href="https://www.samhsa.gov/">this guide</a>' in html
    assert "<h3>Call us if</h3>" in html
    assert "<ul><li><p>you feel very sick</p>" in html and "<ol><li><p>First, sit down</p>" in html
    for gone in ("docs-internal-guid", "font-weight", "<b", "style", "dir=", "aria-level", "<br>", "<meta"):
        assert gone not in html, gone


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("<h1>Title</h1>", "<h2>Title</h2>"),
        ("<h5>Small</h5>", "<h4>Small</h4>"),
        ("<p>Text<script>alert(1)</script></p>", "<p>Text</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p onclick="alert(1)" style="color:red">x</p>', "<p>x</p>"),
        ('<img src="https://example.org/x.jpg" alt="outside">', ""),
        ('<img src="x" onerror="alert(1)">', ""),
        ("<iframe src=//example.org></iframe><p>ok</p>", "<p>ok</p>"),
        ("<table><tr><td>cell</td></tr></table>", "cell"),
        ("<p><font color=red><u>under</u></font></p>", "<p>under</p>"),
    ],
)
def test_anything_the_toolbar_cannot_make_is_removed_on_the_server(sent, kept):
    assert clean_rich_html(sent) == kept


def test_a_library_image_is_kept_and_rendered_as_a_picture(image_factory):
    image = image_factory(alt_text="A nurse checks a patient's blood pressure")
    stored = clean_rich_html(
        f'<p>Before</p><img data-image-id="{image.pk}" src="/x.jpg" alt="old" onerror="x()">'
    )
    assert f'data-image-id="{image.pk}"' in stored and "onerror" not in stored
    public = render_rich_html(stored, Image.objects.in_bulk)
    assert "<picture>" in public and 'type="image/webp"' in public
    assert 'alt="A nurse checks a patient&#x27;s blood pressure"' in public or "patient's blood" in public
    assert 'loading="lazy"' in public and 'width="' in public and 'height="' in public


def test_key_points_are_edited_as_a_list_and_stored_one_point_a_line():
    field = KeyPointsField()
    assert field.clean("<ul><li><p>Rest <strong>today</strong></p></li><li><p>Drink water</p></li></ul>") == (
        "Rest today\nDrink water"
    )
    assert (
        field.widget.format_value("Rest\nDrink water")
        == "<ul><li><p>Rest</p></li><li><p>Drink water</p></li></ul>"
    )


def test_the_editor_field_cleans_on_the_server():
    assert RichTextField().clean("<p>Hi<img src=x onerror=alert(1)></p><script>x</script>") == "<p>Hi</p>"


def test_hostile_html_posted_straight_to_the_admin_form_is_stored_clean(client, superuser, topic, reviewer):
    client.force_login(superuser)
    data = {
        "title": "Posted",
        "slug": "posted",
        "topic": topic.pk,
        "summary": "A summary.",
        "key_points": "<ul><li><p>One</p></li><li><p>Two<script>x</script></p></li></ul>",
        "body": '<h2 onmouseover="x()">Head</h2><p style="color:red">Body <a href="javascript:alert(1)">x</a>'
        '<img src="https://evil.example/x.png" alt="x"></p><svg><script>alert(1)</script></svg>',
        "status": Status.DRAFT,
        "review_interval_months": 12,
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:education_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="posted")
    assert article.body == "<h2>Head</h2>\n<p>Body <a>x</a></p>"
    assert article.key_points == "One\nTwo"
    assert "script" not in article.body_html and "evil" not in article.body_html


def test_an_internal_link_names_the_item_and_follows_a_changed_slug(client, make_article):
    target = make_article(title="Getting home safely")
    source = make_article(body="Text")
    source.body = f'<p>Read <a href="/go/article/{target.pk}/">getting home</a>.</p>'
    source.save()
    assert f'href="/go/article/{target.pk}/"' in source.body_html
    target.slug = "getting-home"
    target.save()
    response = client.get(f"/go/article/{target.pk}/")
    assert response.status_code == 302 and response["Location"] == "/articles/getting-home/"
    assert client.get("/go/page/safety/")["Location"] == "/safety/"


@pytest.mark.django_db
def test_the_picker_offers_every_fixed_page_and_each_one_opens(client):
    """Staff can link to each fixed page, the printable tools included, and every link leads there."""
    from education.content.golinks import FIXED_PAGES, page_href

    assert {"selfcheck", "safety", "prepare", "glossary", "medicines", "diary"} <= set(FIXED_PAGES)
    for name in FIXED_PAGES:
        response = client.get(page_href(name), follow=True)
        assert response.status_code == 200, name
    assert client.get("/go/page/no-such-page/").status_code == 404


def test_a_link_to_content_that_is_not_live_is_flagged(make_article, make_faq):
    draft = make_article(status=Status.DRAFT)
    faq = make_faq(status=Status.DRAFT)
    article = make_article()
    article.body = f'<p><a href="/go/article/{draft.pk}/">a</a> <a href="/go/faq/{faq.pk}/">b</a></p>'
    article.save()
    warnings = " ".join(article.editorial_warnings)
    assert f"/go/article/{draft.pk}/) goes to an article patients cannot see" in warnings
    assert f"/go/faq/{faq.pk}/) goes to a question patients cannot see" in warnings


def test_the_link_picker_lists_our_pages_by_title_with_stable_addresses(
    client, editor, make_article, make_faq
):
    article = make_article(title="What is ketamine?")
    faq = make_faq(question="Can I drive home?", status=Status.DRAFT)
    client.force_login(editor)
    targets = client.get(reverse("admin:education_image_link_targets")).json()["targets"]
    by_title = {t["title"]: t for t in targets}
    assert by_title["What is ketamine?"]["href"] == f"/go/article/{article.pk}/"
    assert by_title["Can I drive home?"] == {
        "kind": "Question",
        "title": "Can I drive home?",
        "href": f"/go/faq/{faq.pk}/",
        "live": False,
    }
    assert {"Pre-visit self-check", "Safety information", "Preparing for your visit", "Glossary"} <= set(
        by_title
    )


def test_the_link_picker_sends_the_first_matches_for_what_is_typed(client, editor, make_article):
    from education.content.golinks import PICKER_ROWS

    for n in range(PICKER_ROWS + 5):
        make_article(title=f"Ketamine note {n}")
    make_article(title="Driving home after a session", body="Ketamine is mentioned in the body only.")
    client.force_login(editor)
    url = reverse("admin:education_image_link_targets")
    everything = client.get(url).json()["targets"]
    assert len([t for t in everything if t["kind"] == "Article"]) == PICKER_ROWS
    found = client.get(url, {"q": "driving home"}).json()["targets"]
    assert [t["title"] for t in found] == ["Driving home after a session"]
    titled = client.get(url, {"q": "ketamine"}).json()["targets"]
    assert "Driving home after a session" not in {t["title"] for t in titled}  # titles only
