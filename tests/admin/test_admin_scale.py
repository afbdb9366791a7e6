"""The admin at any size: its pages cost a fixed number of queries however much content there is,
the review-due rule runs in SQL, the related-article pick is an autocomplete, and admin search uses
the full-text index. Content is made in bulk; nothing here is timed (speed lives in `make bench`)."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from education.admin.filters import ReviewDueFilter
from education.editorial import notifications, panels, workflow
from education.models import FAQ, Article, Draft, FAQCategory, SafetyItem, Status
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/education/article/"


def grow(topic, reviewer, until, start=0):
    """Articles, FAQs and safety items in bulk: every third never reviewed or overdue, with drafts."""
    today = timezone.localdate()

    def reviewed(n):
        return [None, today - datetime.timedelta(days=400), today][n % 3]

    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk article {n}",
            slug=f"bulk-{n}",
            topic=topic,
            summary="About ketamine.",
            body=f"<p>Ketamine body {n}.</p>",
            body_html=f"<p>Ketamine body {n}.</p>",
            body_text=f"Ketamine body {n}.",
            status=Status.PUBLISHED,
            reviewer=reviewer,
            last_reviewed=reviewed(n),
            review_interval_months=[12, 6][n % 2],
        )
        for n in range(start, until)
    )
    category, _ = FAQCategory.objects.get_or_create(slug="bulk", defaults={"name": "Bulk"})
    faqs = FAQ.objects.bulk_create(
        FAQ(category=category, question=f"Bulk question {n}?", slug=f"bulk-faq-{n}", answer="Yes.",
            answer_html="<p>Yes.</p>", status=[Status.PUBLISHED, Status.IN_REVIEW][n % 2],
            last_reviewed=reviewed(n))
        for n in range(start, until)
    )  # fmt: skip
    SafetyItem.objects.bulk_create(
        SafetyItem(title=f"Bulk item {n}", slug=f"bulk-item-{n}", why="Why.", guidance="Tell us.",
                   status=Status.PUBLISHED, last_reviewed=reviewed(n))
        for n in range(start, until)
    )  # fmt: skip
    kind = ContentType.objects.get_for_model(Article)
    states = [Draft.State.DRAFT, Draft.State.IN_REVIEW, Draft.State.SENT_BACK]
    Draft.objects.bulk_create(
        Draft(content_type=kind, object_id=a.pk, title=a.title, state=states[n % 3], data={})
        for n, a in enumerate(articles[::2])
    )
    # A never-published FAQ in review has the Draft row that tracks its review (drafts.track_item
    # makes it on save; bulk_create skips signals, so it is made here the same way).
    faq_kind = ContentType.objects.get_for_model(FAQ)
    Draft.objects.bulk_create(
        Draft(content_type=faq_kind, object_id=f.pk, title=f.question, state=Draft.State.IN_REVIEW,
              new_item=True, data={})
        for f in faqs if f.status == Status.IN_REVIEW
    )  # fmt: skip
    return articles


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture(params=["editor", "medical_reviewer_user"])
def staff(request):
    return request.getfixturevalue(request.param)


def test_admin_pages_run_a_fixed_number_of_queries_whatever_the_amount_of_content(
    client, staff, topic, reviewer
):
    first = grow(topic, reviewer, 30)[0]
    client.force_login(staff)
    pages = [
        "/admin/",
        ARTICLES,
        ARTICLES + "?review=due&status__exact=published",
        ARTICLES + "?review=overdue&_facets=1",
        ARTICLES + "?draft=in_review&schedule=live&_facets=1",
        ARTICLES + "?q=ketamine",
        "/admin/education/faq/?review=due_soon",
        "/admin/education/safetyitem/?review=ok",
        "/admin/education/draft/?show=mine",
        reverse("admin:education_article_change", args=[first.pk]),
    ]
    client.get("/admin/")  # the first request of a session reads what later ones cache
    small = {url: queries_for(client, url) for url in pages}
    grow(topic, reviewer, 1500, start=30)
    large = {url: queries_for(client, url) for url in pages}
    # Equal but for a once-a-second freshness read (the content version, the next go-live time),
    # which may fall in either run; a query per row would add a thousand.
    grown = {url: large[url] - small[url] for url in pages if large[url] > small[url] + 2}
    assert not grown, (grown, small)


def test_the_changelist_reads_each_rows_draft_with_the_rows(client, editor, topic, reviewer):
    grow(topic, reviewer, 60)
    client.force_login(editor)
    page = client.get(ARTICLES).content.decode()
    assert "Live, with a draft in review" in page and "Live, with a draft sent back for changes" in page
    assert "Live, with an unsubmitted draft" in page


def test_article_list_has_at_most_seven_columns(client, editor, make_article):
    make_article()
    client.force_login(editor)
    page = client.get(ARTICLES).content.decode()
    header = page[page.index('<table id="result_list">') :]
    header = header[: header.index("</thead>")]
    columns = [
        c for c in re.findall(r'<th scope="col" class="([^"]*)"', header) if "action-checkbox" not in c
    ]
    assert 0 < len(columns) <= 7, columns


@pytest.mark.parametrize("interval", [1, 6, 12, 24])
def test_review_filters_agree_with_the_review_rule_on_every_day(client, editor, make_article, interval):
    """Month ends included (Jan 31 + 1 month = Feb 28/29): the SQL filter and review_state agree."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=31 * interval + 45)
    days = [
        start + datetime.timedelta(days=n) for n in range(0, 31 * interval + 60, 3 if interval > 6 else 1)
    ]
    articles = [make_article(last_reviewed=day, review_interval_months=interval) for day in days]
    articles.append(make_article(last_reviewed=None))
    client.force_login(editor)
    for value in ("overdue", "due_soon", "ok"):
        expected = {a.pk for a in articles if workflow.review_state(a, today) == value}
        queryset = Article.objects.all()
        request = type("R", (), {"user": editor})()
        chosen = ReviewDueFilter(request, {"review": [value]}, Article, None)
        assert set(chosen.queryset(request, queryset).values_list("pk", flat=True)) == expected, value
    due = workflow.review_due_queryset(Article, today)
    assert {a.pk for a in due} == {a.pk for a in articles if workflow.review_state(a, today) != "ok"}


def test_review_due_panel_shows_five_rows_a_count_and_a_link_to_exactly_those(
    client, editor, topic, reviewer
):
    grow(topic, reviewer, 40)
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    panel = home[home.index('id="review-due"') : home.index("</section>", home.index('id="review-due"'))]
    due_articles = workflow.review_due_queryset(Article).count()
    total = sum(workflow.review_due_queryset(m).count() for m in workflow.WORKFLOW_MODELS)
    assert f"{panels.REVIEW_DUE} ({total})" in panel
    assert panel.count("<tr>") - 1 == panels.ROWS  # the header row, then five
    link = re.search(r'href="([^"]*/article/\?[^"]*)">View all articles due \((\d+)\)', panel)
    assert link and int(link.group(2)) == due_articles
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f"{due_articles} articles" in listed
    for article in Article.objects.exclude(pk__in=workflow.review_due_queryset(Article).values("pk"))[:5]:
        assert f">{article.title}</a>" not in listed


def test_review_queue_panel_shows_a_handful_and_the_email_names_it(
    client, medical_reviewer_user, editor, topic, reviewer, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    grow(topic, reviewer, 40)
    medical_reviewer_user.email = "clinician@clinic.test"
    medical_reviewer_user.save()
    client.force_login(medical_reviewer_user)
    home = client.get("/admin/").content.decode()
    queue = home[home.index('id="review-queue"') : home.index('id="review-due"')]
    in_review = Draft.objects.filter(state=Draft.State.IN_REVIEW).count()
    assert Draft.objects.filter(state=Draft.State.IN_REVIEW, new_item=True).exists()  # new FAQs too
    assert f"{panels.AWAITING_REVIEW} ({in_review})" in queue
    assert queue.count("<tr>") - 1 == panels.ROWS
    assert f"View all drafts and new items in review ({in_review})" in queue
    draft = Draft.objects.filter(state=Draft.State.IN_REVIEW).first()
    draft.submitted_by = editor
    notifications.submitted(draft, "https://portal.test")
    assert mail.outbox and f"“{panels.AWAITING_REVIEW}”" in mail.outbox[0].body


def test_related_articles_is_an_autocomplete_that_never_offers_the_article_itself(
    client, editor, make_article, topic, reviewer
):
    grow(topic, reviewer, 50)
    article = make_article(title="Zebrafish and driving")
    other = make_article(title="Zebrafish after care")
    article.related.add(other)
    client.force_login(editor)
    page = client.get(reverse("admin:education_article_change", args=[article.pk])).content.decode()
    select = re.search(r'<select name="related"[^>]*>(.*?)</select>', page, re.S)
    assert select and "admin-autocomplete" in select.group(0)
    assert f"exclude={article.pk}" in select.group(0)
    assert re.findall(r"<option", select.group(1)) == ["<option"]  # only the chosen one, not 50
    url = reverse("admin:autocomplete")
    params = {"app_label": "education", "model_name": "article", "field_name": "related"}
    found = client.get(url, {**params, "term": "zebrafish", "exclude": article.pk}).json()
    ids = {int(r["id"]) for r in found["results"]}
    assert other.pk in ids and article.pk not in ids
    ids = {int(r["id"]) for r in client.get(url, {**params, "term": "zebrafish"}).json()["results"]}
    assert article.pk in ids  # offered on every other article's page


def test_an_article_posted_as_related_to_itself_is_refused(client, superuser, make_article):
    article = make_article(title="Self")
    client.force_login(superuser)
    url = reverse("admin:education_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data["related"] = [str(article.pk)]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not article.related.exists()


def test_admin_search_finds_by_a_word_in_the_body_through_the_index(client, editor, make_article):
    make_article(title="Plain title", body="Bring your <b>sunglasses</b> for the ride home.")
    make_article(title="Another title", body="Nothing about eyewear.")
    client.force_login(editor)
    page = client.get(ARTICLES + "?q=sunglasses").content.decode()
    assert "Plain title" in page and "Another title" not in page
    assert "Plain title" in client.get(ARTICLES + "?q=sungl").content.decode()  # the start of a word
    assert "Plain title" not in client.get(ARTICLES + "?q=sunglasses+bicycle").content.decode()


def test_admin_search_does_not_scan_the_long_text_columns(client, editor, make_article):
    make_article(title="Plain title", body="Bring your sunglasses.")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get(ARTICLES + "?q=sunglasses")
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert '"body" like' not in sql  # no icontains over the body
    assert "match" in sql or "@@" in sql
