"""PEMAT-P self-score: staff tick AHRQ's items on a page per article; the article list shows both
scores as percentages and marks a score below the 70 % pass mark."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from education import demo_content as demo
from education.admin.pemat import score_text
from education.demo_content import files
from education.models import Article, PematScore
from education.text import pemat

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


# The demo team's self-scores (education/demo_content/pemat.yaml), as the model computes them:
# understandability %, actionability %, the items scored "disagree". Stated here so a change to the
# scores, or to an article's text that should change them, is seen in review.
DEMO_SCORES = {
    "after-your-session": (92, 80, [15, 26]),
    "esketamine-vs-iv-ketamine": (100, 100, []),
    "for-drivers-and-caregivers": (92, 80, [15, 26]),
    "getting-help-in-a-crisis": (100, 100, []),
    "how-ketamine-and-esketamine-treatment-works": (100, 100, []),
    "ketamine-for-chronic-pain-and-crps": (92, 80, [15, 26]),
    "ketamine-for-ptsd-what-we-know": (100, 100, []),
    "older-adults-and-young-people": (92, 80, [15, 26]),
    "paying-for-treatment": (100, 100, []),
    "preparing-for-your-first-visit": (100, 100, []),
    "questions-to-ask-your-clinician": (92, 80, [15, 26]),
    "side-effects-and-safety": (100, 100, []),
    "side-effects-over-time": (92, 80, [15, 26]),
    "what-a-treatment-day-is-like": (100, 100, []),
    "what-is-treatment-resistant-depression": (100, 100, []),
    "why-ketamine-is-given-only-in-a-clinic": (100, 100, []),
    "your-course-of-treatment": (100, 100, []),
}
# Issue 15's target for the demo: 90 % understandable and 80 % actionable. Not every article reaches
# it yet; the ones that do not are named, not hidden.
TARGET = (90, 80)
BELOW_TARGET = set()


def test_every_demo_article_gets_the_demo_teams_self_score(demo_content):
    assert PematScore.objects.count() == Article.objects.count() == len(demo.ARTICLES)
    for score in PematScore.objects.select_related("article"):
        expected = demo.PEMAT["articles"][score.article.slug]
        assert score.answers == expected["answers"], score.article.slug
        assert score.unanswered_items == []
        assert score.scored_by == "Demo content team, self-score"
        assert score.scored_on == datetime.date(2026, 12, 3)
        assert "not a review by this clinic" in score.notes
        for key, reason in expected["reasons"].items():  # one reason per "disagree" and "na"
            assert f"{key}. {pemat.ITEMS_BY_KEY[key].text} Why: {reason}." in score.notes


def test_a_score_staff_changed_or_an_article_no_longer_demo_is_left_alone(demo_content):
    score = PematScore.objects.get(article__slug="paying-for-treatment")
    score.answers, score.notes = {"1": pemat.AGREE}, "Re-scored by our reviewer."
    score.save()
    own = Article.objects.get(slug="getting-help-in-a-crisis")
    PematScore.objects.filter(article=own).delete()
    Article.objects.filter(pk=own.pk).update(is_demo=False)

    call_command("load_demo_content", verbosity=0)

    score.refresh_from_db()
    assert score.answers == {"1": pemat.AGREE} and score.notes == "Re-scored by our reviewer."
    assert not PematScore.objects.filter(article=own).exists()


def test_the_demo_scores_are_stated_honestly(demo_content):
    scores = {
        score.article.slug: (
            score.understandability,
            score.actionability,
            [item.number for item in score.failed_items],
        )
        for score in PematScore.objects.select_related("article")
    }
    assert scores == DEMO_SCORES


def test_which_demo_articles_reach_the_target_of_90_and_80(demo_content):
    reach = {
        score.article.slug
        for score in PematScore.objects.select_related("article")
        if score.understandability >= TARGET[0] and score.actionability >= TARGET[1]
    }
    assert reach == set(DEMO_SCORES) - BELOW_TARGET
    assert reach == {
        "after-your-session",
        "esketamine-vs-iv-ketamine",
        "for-drivers-and-caregivers",
        "getting-help-in-a-crisis",
        "how-ketamine-and-esketamine-treatment-works",
        "ketamine-for-chronic-pain-and-crps",
        "ketamine-for-ptsd-what-we-know",
        "older-adults-and-young-people",
        "paying-for-treatment",
        "preparing-for-your-first-visit",
        "questions-to-ask-your-clinician",
        "side-effects-and-safety",
        "side-effects-over-time",
        "what-a-treatment-day-is-like",
        "what-is-treatment-resistant-depression",
        "why-ketamine-is-given-only-in-a-clinic",
        "your-course-of-treatment",
    }


def test_the_article_list_shows_both_demo_scores(demo_content, client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:education_article_changelist")).content.decode()
    assert "not scored" not in page
    for score in PematScore.objects.all():
        url = reverse("admin:education_pematscore_change", args=[score.pk])
        for value in (score.understandability, score.actionability):
            assert f'<a href="{url}">{score_text(value)}</a>' in page, (score.article_id, value)


def _pemat_file(tmp_path, monkeypatch, text):
    monkeypatch.setattr(files, "ROOT", tmp_path)
    (tmp_path / files.PEMAT_FILE).write_text(text, encoding="utf-8")


def _all_agree(**changes):
    answers = {item.key: "agree" for item in pemat.ITEMS} | changes
    return "\n".join(f"    {key}: '{value}'" for key, value in answers.items())


@pytest.mark.parametrize(
    ("slug", "items", "message"),
    [
        ("no-such-article", _all_agree(), "pemat.yaml, article 'no-such-article': there is no demo article"),
        ("an-article", _all_agree(**{"13": "agree"}), "article 'an-article': there is no PEMAT-P item 13"),
        ("an-article", _all_agree(**{"1": "na: short"}), "article 'an-article': PEMAT item 1 cannot be"),
        ("an-article", _all_agree(**{"15": "disagree"}), "article 'an-article': item 15 needs a reason"),
        ("an-article", _all_agree(**{"2": "maybe"}), "article 'an-article': item 2 must be 'agree'"),
        ("an-article", "    1: agree", "article 'an-article': item(s) 2, 3, 4"),
    ],
)
def test_a_wrong_pemat_file_is_refused_naming_the_file_and_the_article(
    tmp_path, monkeypatch, slug, items, message
):
    header = "scored_by: A team\nscored_on: 2026-12-03\narticles:\n"
    _pemat_file(tmp_path, monkeypatch, f"{header}  {slug}:\n{items}\n")
    with pytest.raises(files.ContentFileError, match=re.escape(message)):
        files.pemat_scores({"an-article"})


def test_a_well_formed_pemat_file_is_read_with_its_reasons(tmp_path, monkeypatch):
    header = "scored_by: A team\nscored_on: 2026-12-03\narticles:\n"
    items = _all_agree(**{"6": "na: no numbers", "26": "disagree: no pictures"})
    _pemat_file(tmp_path, monkeypatch, f"{header}  an-article:\n{items}\n")
    scores = files.pemat_scores({"an-article"})
    assert scores["scored_by"] == "A team" and scores["scored_on"] == datetime.date(2026, 12, 3)
    assert scores["articles"]["an-article"]["answers"]["6"] == pemat.NOT_APPLICABLE
    assert scores["articles"]["an-article"]["reasons"] == {"6": "no numbers", "26": "no pictures"}
