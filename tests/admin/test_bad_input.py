"""Bad input, clearly answered on the content admin, as an Editor meets it: required fields say so,
a too-long title is refused with its length (never cut by the browser), a taken slug names the item
that has it and offers a free one, tags typed into a title get an editorial warning, "View on site"
opens a preview for what patients cannot see yet, and dates read one way everywhere."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from education.models import Article, Draft, Status
from education.text.dates import staff_date, staff_datetime
from tests.admin_forms import change_url, edit_in_admin

pytestmark = pytest.mark.django_db


def tag(html, element_id):
    found = re.search(rf"<(?:input|textarea|select)\b[^>]*\bid=\"{element_id}\"[^>]*>", html)
    assert found, element_id
    return found.group(0)


@pytest.fixture
def hidden_article(make_article):
    return make_article(title="Sleep after treatment", slug="sleep", status=Status.DRAFT)


def test_required_fields_are_marked_required_the_body_included(client, editor, hidden_article):
    client.force_login(editor)
    html = client.get(change_url(hidden_article)).content.decode()
    assert 'aria-required="true"' in tag(html, "id_body")  # the editor copies it to its text box
    assert re.search(r'<label class="required" for="id_body">', html)
    assert "required" in tag(html, "id_title") and 'aria-required="true"' in tag(html, "id_title")
    assert "aria-required" not in tag(html, "id_publish_at_0")  # optional fields are not


def test_a_too_long_title_is_refused_with_its_length_and_kept_whole(client, editor, hidden_article):
    client.force_login(editor)
    page = client.get(change_url(hidden_article)).content.decode()
    title_box = tag(page, "id_title")
    assert " maxlength=" not in title_box and 'data-maxlength="200"' in title_box  # no silent cut
    long_title = ("Sleep well after treatment " * 20)[:535]
    response = edit_in_admin(client, hidden_article, title=long_title)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is 535 characters long and the limit is 200: shorten it. Nothing was cut" in html
    assert f'value="{long_title}"' in tag(html, "id_title")  # the whole text is still in the box
    assert Article.objects.get(pk=hidden_article.pk).title == "Sleep after treatment"
    assert 'src="/static/admin-extra/charcount.js"' in page


def test_a_taken_slug_names_the_item_that_has_it_and_offers_a_free_one(
    client, editor, make_article, hidden_article
):
    make_article(title="Driving home", slug="driving")
    make_article(title="Driving home, again", slug="driving-2")
    client.force_login(editor)
    response = edit_in_admin(client, hidden_article, slug="driving")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The address “driving” is already used by the article “Driving home”." in html
    assert "for example “driving-3” (free)" in html
    assert Article.objects.get(pk=hidden_article.pk).slug == "sleep"


def test_tags_typed_into_a_title_or_summary_get_an_editorial_warning(make_article, make_faq):
    article = make_article(title="Rest <b>well</b>", summary="Plain words.")
    assert any(w.startswith("The title contains HTML tags (<b>, </b>)") for w in article.editorial_warnings)
    assert not any("summary contains" in w for w in article.editorial_warnings)
    article.summary = 'See <a href="/x">this</a>'
    article.save()
    assert any(
        w.startswith('The summary contains HTML tags (<a href="/x">, </a>)')
        for w in article.editorial_warnings
    )
    faq = make_faq(question="Can I <i>drive</i>?")
    assert any(w.startswith("The question contains HTML tags") for w in faq.editorial_warnings)
    assert not [w for w in make_article(title="Doses < 5 mg > none").editorial_warnings if "HTML tags" in w]


def view_on_site(client, obj):
    html = client.get(change_url(obj)).content.decode()
    found = re.search(r'<a href="([^"]+)" class="viewsitelink"', html)
    return found and found.group(1)


def test_view_on_site_opens_the_preview_for_what_patients_cannot_see(
    client, editor, make_article, make_faq, hidden_article
):
    client.force_login(editor)
    assert view_on_site(client, hidden_article) == reverse(
        "education:article_preview", args=[hidden_article.pk]
    )
    live = make_article(slug="live-one")
    assert view_on_site(client, live) == live.get_absolute_url()
    hidden_faq = make_faq(status=Status.DRAFT)
    assert view_on_site(client, hidden_faq) is None  # no page yet: no link, not a 404
    assert client.get(view_on_site(client, hidden_article)).status_code == 200


def test_view_on_site_of_a_hidden_item_with_an_open_draft_opens_the_draft(client, editor, reviewer, make_faq):
    past = timezone.now() - datetime.timedelta(days=1)
    faq = make_faq(reviewer=reviewer, unpublish_at=past)  # published once, taken off the site since
    client.force_login(editor)
    edit_in_admin(client, faq, answer="<p>New words.</p>")
    draft = Draft.objects.for_object(faq).get()
    assert view_on_site(client, faq) == reverse("education:draft_preview", args=[draft.pk])


DATE = r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
OTHER_FORMATS = [
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}",  # Dec. 6, 2026
    r"\b\d{4}-\d{2}-\d{2}\b(?!T)",  # 2026-12-06 (not inside a datetime-local value)
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}",  # no comma
]


def test_dates_read_one_way_across_the_admin(client, editor, make_article):
    article = make_article(title="Dates")
    client.force_login(editor)
    edit_in_admin(client, article, summary="A new summary.")
    pages = [
        client.get(reverse("admin:education_article_history", args=[article.pk])),
        client.get(reverse("admin:education_article_changelist")),
        client.get(Draft.objects.get().get_absolute_url()),
        client.get(reverse("admin:index")),
    ]
    for response in pages:
        html = re.sub(
            r'value="[^"]*"|datetime="[^"]*"|<script.*?</script>', "", response.content.decode(), flags=re.S
        )
        visible = re.sub(r"<[^>]+>", " ", html)
        for pattern in OTHER_FORMATS:
            assert not re.search(pattern, visible), (
                response.wsgi_request.path,
                re.search(pattern, visible).group(),
            )
    history = pages[0].content.decode()
    assert re.search(rf"{DATE}, \d{{2}}:\d{{2}}", history)


def test_the_staff_date_format_is_the_one_readable_format():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 6, 14, 5))
    assert staff_datetime(moment) == "6 Dec 2026, 14:05"
    assert staff_date(moment.date()) == "6 Dec 2026"
