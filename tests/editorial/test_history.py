"""History of every content change: who and when, a readable diff, and one-step restore."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from education.models import Article, ClinicDetails, Status, Topic
from education.text.markdown import render_markdown

pytestmark = pytest.mark.django_db

CONTENT_FIELDS = [
    "title",
    "slug",
    "topic_id",
    "summary",
    "key_points",
    "body",
    "body_html",
    "status",
    "featured",
]


def content_of(article):
    article.refresh_from_db()
    return {name: getattr(article, name) for name in CONTENT_FIELDS} | {
        "related": set(article.related.values_list("pk", flat=True))
    }


def edit(article, user, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    article._history_user = user
    article.save()


def restore_url(obj, record):
    return reverse(f"admin:education_{obj._meta.model_name}_restore", args=[obj.pk, record.history_id])


def test_every_change_is_recorded_with_who_and_when(client, editor, make_article):
    article = make_article(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(reverse("admin:education_article_change", args=[article.pk]))
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "related"}
    data.update(
        {
            "body": "Edited by the editor.",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "references-MIN_NUM_FORMS": "0",
            "references-MAX_NUM_FORMS": "1000",
            "publish_at_0": "",
            "publish_at_1": "",
            "unpublish_at_0": "",
            "unpublish_at_1": "",
        }
    )
    assert client.post(reverse("admin:education_article_change", args=[article.pk]), data).status_code == 302
    latest = article.history.first()
    assert latest.history_user == editor
    assert latest.body == "Edited by the editor."
    history_page = client.get(reverse("admin:education_article_history", args=[article.pk])).content.decode()
    assert "editor" in history_page
    assert "Show changes" in history_page
    assert "Restore this version" in history_page


def test_diff_view_shows_what_changed_in_words(client, editor, make_article):
    article = make_article(body="## Care\n\nRest after treatment.\n\nDrink water.")
    edit(article, editor, body=render_markdown("## Care\n\nRest after treatment.\n\nEat a light meal."))
    client.force_login(editor)
    record = article.history.first()
    url = reverse("admin:education_article_version_diff", args=[article.pk, record.history_id])
    page = client.get(url).content.decode()
    # Staff read words, a block a paragraph, never the stored HTML's tags: a paragraph rewritten
    # from scratch shows as removed and added, the one before it as unchanged context.
    assert '<del><span class="visually-hidden">removed: </span>Drink water.</del>' in page
    assert '<ins><span class="visually-hidden">added: </span>Eat a light meal.</ins>' in page
    assert "Rest after treatment." in page
    assert "&lt;p&gt;" not in page


def test_restore_round_trip_brings_back_identical_content(client, superuser, make_article):
    other = make_article(title="Other")
    article = make_article(title="Original title", body="## One\n\nOriginal body.")
    article.related.set([other])
    original = content_of(article)
    original_record = article.history.first()
    edit(article, superuser, title="Changed title", body="Changed body.", featured=True)
    article.related.clear()
    assert content_of(article) != original

    client.force_login(superuser)
    confirm = client.get(restore_url(article, original_record)).content.decode()
    assert "Restore this version" in confirm
    # Current → restored, word by word: the title's first word goes back.
    assert '<del><span class="visually-hidden">removed: </span>Changed</del>' in confirm
    assert '<ins><span class="visually-hidden">added: </span>Original</ins> title' in confirm
    response = client.post(restore_url(article, original_record))
    assert response.status_code == 302

    assert content_of(article) == original
    latest = article.history.first()
    assert latest.history_user == superuser
    assert latest.history_id != original_record.history_id  # the restore is itself a new entry


def test_restore_keeps_the_newer_versions_in_history(client, superuser, make_article):
    article = make_article(body="First.")
    first = article.history.first()
    edit(article, superuser, body="Second.")
    count = article.history.count()
    client.force_login(superuser)
    client.post(restore_url(article, first))
    assert article.history.count() > count
    assert article.history.filter(body="Second.").exists()


def test_editor_restoring_a_published_version_does_not_publish_it(client, editor, make_article):
    # Changed deliberately (issue 31): a restore brings back content only; the status stays as now.
    article = make_article(status=Status.PUBLISHED, body="Approved text.")
    published_record = article.history.first()
    edit(article, editor, status=Status.DRAFT, body="Work in progress.")
    client.force_login(editor)
    response = client.post(restore_url(article, published_record))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == render_markdown("Approved text.")
    assert article.status == Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_restoring_a_version_whose_related_items_were_deleted(client, superuser, make_article):
    old_topic = Topic.objects.create(name="Old topic", slug="old-topic", summary="Old.")
    gone = make_article(title="Soon deleted")
    article = make_article(topic=old_topic, body="Old body.")
    article.related.set([gone])
    old_record = article.history.first()
    edit(article, superuser, topic=Topic.objects.get(slug="chronic-pain"), reviewer=None, body="New body.")
    old_topic.delete()
    gone.delete()

    client.force_login(superuser)
    assert client.get(restore_url(article, old_record)).status_code == 200
    response = client.post(restore_url(article, old_record))
    assert response.status_code == 302
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("topic of that version was deleted" in n for n in notes)
    assert any("no longer exist" in n for n in notes)
    article.refresh_from_db()
    assert article.body == render_markdown("Old body.")
    assert article.topic.slug == "chronic-pain"
    assert not article.related.exists()


def test_glossary_term_and_clinic_details_can_be_restored(client, superuser, make_term):
    term = make_term(definition="First definition.")
    first = term.history.first()
    term.definition = "Second definition."
    term.save()
    clinic = ClinicDetails()
    clinic.phone = "555-1111"
    clinic.save()
    clinic_first = clinic.history.first()
    clinic.phone = "555-0000"
    clinic.save()

    client.force_login(superuser)
    client.post(restore_url(term, first))
    client.post(restore_url(clinic, clinic_first))
    term.refresh_from_db()
    clinic.refresh_from_db()
    assert term.definition == "First definition."
    assert clinic.phone == "555-1111"


def test_stock_revert_form_cannot_bypass_the_restore_rules(client, editor, make_article):
    article = make_article(status=Status.PUBLISHED)
    record = article.history.first()
    edit(article, editor, status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:education_article_simple_history", args=[article.pk, record.history_id])
    response = client.post(url, {"status": "published"})
    assert response.status_code == 302
    assert response["Location"] == restore_url(article, record)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_restore_of_an_unknown_version_is_404(client, superuser, make_article):
    article = make_article()
    client.force_login(superuser)
    url = reverse("admin:education_article_restore", args=[article.pk, 999999])
    assert client.post(url).status_code == 404
    assert Article.objects.filter(pk=article.pk).exists()
