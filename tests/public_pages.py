"""Every public page type as a patient meets it, rendered from the demo content by the test client.

Shared by tests/test_stylesheet.py (which classes the pages carry) and tests/test_page_weight.py
(what a first visit to each costs). The self-check is sent the way a browser sends it: the form
with errors, and a result with an answer that needs raising at every level.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from education.models import FAQ, Article, GlossaryTerm, SelfCheckQuestion
from education.models.content import glossary_by_letter

FORM_TYPE = "application/x-www-form-urlencoded"


def _post(client, url, data):
    return client.post(url, urlencode(data, doseq=True), content_type=FORM_TYPE)


def public_pages(client):
    """{page type: response} for every public page type, with the demo content loaded."""
    article = Article.objects.published().order_by("-word_count").first()  # the heaviest one
    # The FAQ category with the most published questions, and its first question.
    biggest = FAQ.objects.published().values("category").annotate(n=Count("pk")).order_by("-n")[0]
    question = FAQ.objects.published().filter(category=biggest["category"]).first()
    # The glossary letter with the most terms.
    letter = max(glossary_by_letter(GlossaryTerm.objects.all()).items(), key=lambda pair: len(pair[1]))[0]
    questions = list(SelfCheckQuestion.objects.filter(active=True))
    form_url, result_url = reverse("education:selfcheck"), reverse("education:selfcheck_result")
    # Raise something at every level, and write questions to ask.
    flagged = {question.level: question for question in questions}
    result_answers = {
        f"q_{q.pk}": q.attention_answer if q in flagged.values() else _other_answer(q) for q in questions
    } | {"questions_to_ask": "How long does a session take?"}
    gets = {
        "home": reverse("education:home"),
        "topic": article.topic.get_absolute_url(),
        "article": article.get_absolute_url(),
        "faq": reverse("education:faq"),
        "faq-category": reverse("education:faq_category", args=[question.category.slug]),
        "faq-question": question.get_absolute_url(),
        "safety": reverse("education:safety"),
        "glossary": reverse("education:glossary"),
        "glossary-letter": reverse("education:glossary_letter", args=[letter]),
        "prepare": reverse("education:prepare"),
        "tool-medicines": reverse("education:medicines_list"),
        "tool-diary": reverse("education:diary"),
        "search": reverse("education:search") + "?q=ketamine",
        "search-nothing-found": reverse("education:search") + "?q=zzzzqqq",
        "selfcheck": form_url,
        "selfcheck-no-result": result_url,
        "404": "/this-page-does-not-exist/",
    }
    pages = {name: client.get(path) for name, path in gets.items()}
    pages["selfcheck-errors"] = _post(
        client, result_url, {"questions_to_ask": "x" * 2001, f"q_{questions[0].pk}": "maybe"}
    )
    pages["selfcheck-changed-form"] = _post(client, result_url, result_answers | {"q_999999": "yes"})
    pages["selfcheck-result"] = _post(client, result_url, result_answers)
    pages["selfcheck-bad-request"] = client.post(result_url, b"{}", content_type="application/json")
    expected = {"404": 404, "selfcheck-no-result": 405, "selfcheck-errors": 400}
    expected |= {"selfcheck-changed-form": 400, "selfcheck-bad-request": 400}
    for name, response in pages.items():
        assert response.status_code == expected.get(name, 200), (name, response.status_code)
    assert len(flagged) == len(SelfCheckQuestion.Level.values), "the demo questions miss a level"
    return pages


def _other_answer(question):
    yes, no = SelfCheckQuestion.Answer.YES, SelfCheckQuestion.Answer.NO
    return no if question.attention_answer == yes else yes
