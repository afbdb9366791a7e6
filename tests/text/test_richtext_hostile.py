"""The shared XSS corpus sent as the editor's HTML (not as Markdown): through the admin form field,
and saved into articles, FAQ answers and safety guidance, every page stays inert."""

import pytest

from education.content.editor import RichTextField
from education.models import SafetyItem
from tests.test_hostile_input import PAYLOADS, assert_inert, fit, get_page, scan


@pytest.fixture
def baseline(client):
    """The same page built from harmless text (as in test_hostile_input)."""
    return lambda url: get_page(client, url)


def test_every_payload_through_the_editor_field_is_inert():
    field = RichTextField(required=False)
    for payload in PAYLOADS:
        for html in (
            payload,
            f"<p>{payload}</p>",
            f'<a href="{payload}">x</a>',
            f'<img data-image-id="1" src="{payload}">',
        ):
            cleaned = field.clean(html)
            found = scan(cleaned)
            assert not found.handlers and not found.bad_urls and not found.elements, (payload, cleaned)


def test_articles_written_in_the_editor_with_hostile_html_are_inert(
    client, make_article, baseline, image_factory
):
    image = image_factory(alt_text="A calm room")
    picture = f'<img data-image-id="{image.pk}" src="x" alt="">'
    normal = make_article(slug="normal", title="Normal")
    normal.body = f"<p>Normal.</p>{picture}"
    normal.save()
    expected = baseline(normal.get_absolute_url())
    for n, payload in enumerate(PAYLOADS):
        article = make_article(slug=f"hostile-{n}")
        article.body = f'{payload}<h2>{payload}</h2><p><a href="{payload}">{payload}</a></p>{picture}'
        article.save()
        assert_inert(get_page(client, article.get_absolute_url()), expected, ("article", payload))


def test_faq_answers_and_safety_guidance_written_in_the_editor_are_inert(
    client, make_faq, make_safety_item, baseline
):
    normal = make_faq()
    expected_faq = baseline(normal.get_absolute_url())
    make_safety_item()
    expected_safety = baseline("/safety/")
    for payload in PAYLOADS:
        item = make_faq()
        item.answer = f'{payload}<p><a href="{payload}">{payload}</a></p>'
        item.save()
        assert_inert(get_page(client, item.get_absolute_url()), expected_faq, ("faq", payload))
        safety = make_safety_item(**fit(SafetyItem, title="Hostile"))
        safety.guidance = f"<ul><li>{payload}</li></ul>"
        safety.save()
    assert_inert(get_page(client, "/safety/"), expected_safety, "safety")
