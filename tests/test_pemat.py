"""PEMAT-P self-score: staff tick AHRQ's items on a page per article; the article list shows both
scores as percentages and marks a score below the 70 % pass mark."""

import re

import pytest
from django.urls import reverse

from education.editorial import pemat
from education.models import PematScore

pytestmark = pytest.mark.django_db


def _ticks(understandable_agree, actionable_agree):
    """Answers with the first N items of each scale 'agree', the rest 'disagree'."""
    answers, seen = {}, {pemat.UNDERSTANDABILITY: 0, pemat.ACTIONABILITY: 0}
    limits = {pemat.UNDERSTANDABILITY: understandable_agree, pemat.ACTIONABILITY: actionable_agree}
    for item in pemat.ITEMS:
        seen[item.scale] += 1
        answers[item.key] = pemat.AGREE if seen[item.scale] <= limits[item.scale] else pemat.DISAGREE
    return answers


def test_pemat_p_has_17_understandability_and_7_actionability_items():
    scales = [item.scale for item in pemat.ITEMS]
    assert scales.count(pemat.UNDERSTANDABILITY) == 17
    assert scales.count(pemat.ACTIONABILITY) == 7
    assert {13, 14}.isdisjoint(item.number for item in pemat.ITEMS)  # audio-visual only


def test_not_applicable_items_are_left_out_of_the_score():
    answers = {"1": pemat.AGREE, "2": pemat.DISAGREE, "6": pemat.NOT_APPLICABLE, "20": pemat.AGREE}
    assert pemat.score(answers, pemat.UNDERSTANDABILITY) == 50
    assert pemat.score(answers, pemat.ACTIONABILITY) == 100
    assert pemat.score({}, pemat.ACTIONABILITY) is None


def test_not_applicable_is_refused_where_pemat_does_not_allow_it():
    with pytest.raises(ValueError, match="item 1 cannot be marked not applicable"):
        pemat.clean_answers({"1": pemat.NOT_APPLICABLE})
    assert pemat.clean_answers({"6": pemat.NOT_APPLICABLE}) == {"6": pemat.NOT_APPLICABLE}


def _post_data(article, answers, **extra):
    data = {"article": article.pk, "scored_by": "Pat Editor", "scored_on": "2026-12-01", "notes": ""}
    data |= {f"item_{key}": value for key, value in answers.items()}
    return data | extra


@pytest.mark.parametrize("user_fixture", ["editor", "medical_reviewer_user"])
def test_staff_tick_the_items_and_the_article_list_shows_both_scores(
    client, request, user_fixture, make_article
):
    article = make_article(title="How the treatment works")
    client.force_login(request.getfixturevalue(user_fixture))

    changelist = client.get(reverse("admin:education_article_changelist")).content.decode()
    add_url = reverse("admin:education_pematscore_add")
    assert f'href="{add_url}?article={article.pk}"' in changelist  # "not scored" links to the form

    form = client.get(f"{add_url}?article={article.pk}").content.decode()
    assert "Its purpose is obvious from the start." in form
    assert "Not applicable: it has no numbers" in form
    assert 'name="item_6" value="na"' in form
    assert 'name="item_1" value="na"' not in form  # item 1 offers agree or disagree only

    # 16 of 17 understandable (94 %), 4 of 7 actionable (57 %: below the pass mark)
    response = client.post(add_url, _post_data(article, _ticks(16, 4)))
    assert response.status_code == 302
    score = PematScore.objects.get(article=article)
    assert (score.understandability, score.actionability) == (94, 57)
    assert [item.number for item in score.failed_items] == [19, 24, 25, 26]

    page = client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "94 %" in page
    assert re.search(r'class="pemat-fail">57 % \(below 70 %\)</strong>', page)
    assert "(below 70 %)</strong>" not in page.split("94 %")[1][:40]  # the passing score is plain


def test_a_score_at_the_pass_mark_is_not_flagged(client, superuser, make_article):
    article = make_article()
    client.force_login(superuser)
    answers = {"1": pemat.AGREE, "2": pemat.AGREE, "3": pemat.AGREE}
    answers |= {"20": pemat.AGREE, "21": pemat.AGREE, "22": pemat.AGREE} | {
        str(n): pemat.DISAGREE for n in (4,)
    }
    answers |= {"23": pemat.DISAGREE, "24": pemat.NOT_APPLICABLE}
    client.post(reverse("admin:education_pematscore_add"), _post_data(article, answers))
    score = PematScore.objects.get(article=article)
    assert (score.understandability, score.actionability) == (75, 75)
    page = client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "75 %" in page and "pemat-fail" not in page


def test_the_score_list_filters_articles_below_the_pass_mark(client, superuser, make_article):
    low, high = make_article(title="Low scorer"), make_article(title="High scorer")
    PematScore.objects.create(article=low, answers=_ticks(17, 2))
    PematScore.objects.create(article=high, answers=_ticks(17, 7))
    client.force_login(superuser)
    page = client.get(reverse("admin:education_pematscore_changelist") + "?pemat=below").content.decode()
    assert "Low scorer" in page and "High scorer" not in page


def test_an_edited_score_keeps_the_ticks_and_changes_the_result(client, superuser, make_article):
    article = make_article()
    score = PematScore.objects.create(article=article, answers=_ticks(17, 7))
    client.force_login(superuser)
    url = reverse("admin:education_pematscore_change", args=[score.pk])
    page = client.get(url).content.decode()
    assert re.search(r'name="item_26" value="agree"[^>]*checked', page)
    data = _post_data(article, _ticks(17, 7) | {"23": pemat.DISAGREE, "26": pemat.DISAGREE})
    del data["article"]
    assert client.post(url, data).status_code == 302
    score.refresh_from_db()
    assert score.actionability == 71 and score.answers["23"] == pemat.DISAGREE
