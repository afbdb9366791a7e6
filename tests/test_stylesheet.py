"""Nothing silently loses its style: every class the templates and the rendered pages (crispy-forms'
self-check form included) use has a rule in our one stylesheet, and the stylesheet carries no rule
for a class nothing uses (dead weight on every first visit). The admin's templates are held to
Django's admin CSS plus static/admin-extra/ the same way."""

import re
from pathlib import Path

import django
import pytest
from django.conf import settings

from education.models import SelfCheckQuestion

from .public_pages import public_pages

BASE = Path(settings.BASE_DIR)
TEMPLATES = BASE / "templates"
SITE_CSS = BASE / "static" / "css" / "site.css"
TOOLS_CSS = BASE / "static" / "css" / "tools.css"  # linked by the printable tools' pages only
ADMIN_CSS = [
    *sorted((Path(django.__file__).parent / "contrib/admin/static/admin/css").rglob("*.css")),
    *sorted((BASE / "static" / "admin-extra").glob("*.css")),
]

# Classes that are names to find an element by (tests, anchors, print rules of a parent), styled
# by the element rules they sit in; each needs no rule of its own. Adding one here is a decision.
HOOKS = {
    "article": "the <article> of an article page",
    "faq-category": "a section of the FAQ overview",
    "faq-question": "the <article> of a question page",
    "faq-answer-text": "a question page's answer: ordinary paragraphs",
    "guidance": "a safety item's Markdown guidance: ordinary paragraphs",
    "handout-note": "shown on paper only, by .print-only",
    "print-url": "the printed page's address, shown on paper only by .print-only",
    "not-for-emergencies": "a footer paragraph",
    "prepare-steps": "the ordinary numbered list of steps on the visit page",
    "search-help": "the advice shown when a search finds nothing",
    "search-results": "the ordinary numbered list of results",
    "search-summary": "the line counting the results",
    "asteriskField": "crispy-forms: the * after a required question",
    "requiredField": "crispy-forms: marks a required question's legend",
    "textarea": "crispy-forms: the widget's name on the questions box",
    "alert-block": "crispy-forms: an old Bootstrap name beside .alert, unstyled in Bootstrap 5 too",
    "nonfield": "Django: the list of errors that belong to no one question",
    "safety-information": "a safety-information block, drawn by the .key-points beside it",
    "medicines": "the medicines list tool's sheet, drawn by .tool-sheet",
}
# Classes styled on paper only (hidden, or laid out for the handout); on screen they look as plain.
PRINT_ONLY = {
    "no-print", "related", "faq-link", "selfcheck-next",
    "selfcheck-raise", "selfcheck-checklist", "selfcheck-questions", "diary",
}  # fmt: skip
ADMIN_HOOKS = {"workflow-status": "the admin's one-line workflow status: an ordinary paragraph"}
# Template expressions inside a class attribute, and every class they can produce.
DYNAMIC = {"raise-{{level}}": [f"raise-{level}" for level in SelfCheckQuestion.Level.values]}

CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def html_classes(text):
    return {name for value in CLASS_ATTRIBUTE.findall(text) for name in value.split()}


def template_classes(paths):
    """{class: [templates using it]}; a class written with a template tag is expanded by DYNAMIC."""
    found = {}
    for path in paths:
        for value in CLASS_ATTRIBUTE.findall(path.read_text()):
            # "raise-{{ level }}" stays one token; an unknown expression fails below, by name.
            value = TEMPLATE_TAG.sub(lambda tag: re.sub(r"\s+", "", tag.group()), value)
            for token in value.split():
                names = DYNAMIC.get(token, [token]) if "{" in token else [token]
                assert "{" not in "".join(names), f"{path.name}: add what {token!r} can be to DYNAMIC"
                for name in names:
                    found.setdefault(name, []).append(str(path.relative_to(TEMPLATES)))
    return found


def stylesheet_classes(css, on_screen=False):
    """Every class named in a selector (not in declarations: `0.5rem` or `url(a.svg)` are no classes);
    with ``on_screen``, leave out the rules inside ``@media print`` blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    if on_screen:
        css = without_print_blocks(css)
    selectors = re.findall(r"([^{};]+)\{", css)
    return {name for selector in selectors for name in re.findall(r"\.(-?[A-Za-z_][\w-]*)", selector)}


def without_print_blocks(css):
    while (start := css.find("@media print")) != -1:
        depth, at = 0, css.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(css[at], 0)
            if depth == 0:
                break
            at += 1
        css = css[:start] + css[at + 1 :]
    return css


def our_css():
    return SITE_CSS.read_text() + "\n" + TOOLS_CSS.read_text()


def public_templates():
    return [path for path in TEMPLATES.rglob("*.html") if "admin" not in path.relative_to(TEMPLATES).parts]


MISSING = "classes with no rule in static/css/ (add one, or a HOOKS entry)"


def screen_classes():
    return stylesheet_classes(our_css(), on_screen=True) | PRINT_ONLY


@pytest.fixture
def rendered(demo_content, client):
    """{class: [page types carrying it]} over every public page type."""
    found = {}
    for name, response in public_pages(client).items():
        for css_class in html_classes(response.content.decode()):
            found.setdefault(css_class, []).append(name)
    return found


def test_every_class_in_the_public_templates_has_a_rule_in_our_stylesheet():
    styled = screen_classes()
    used = template_classes(public_templates())
    unstyled = {name: where for name, where in used.items() if name not in styled | set(HOOKS)}
    assert not unstyled, f"{MISSING}: {unstyled}"


def test_every_class_the_rendered_pages_carry_has_a_rule_including_crispy_forms_output(rendered):
    # Crispy's own markup for the self-check (radios, help texts, error messages) is in here.
    for crispy in ["form-check-input", "form-check-label", "form-text", "invalid-feedback", "is-invalid"]:
        assert crispy in rendered, f"the rendered self-check lost {crispy}: does crispy still render it?"
    styled = screen_classes()
    unstyled = {name: pages for name, pages in rendered.items() if name not in styled | set(HOOKS)}
    assert not unstyled, f"{MISSING}: {unstyled}"


def test_the_stylesheet_styles_and_the_hooks_list_only_classes_something_uses(rendered):
    used = set(template_classes(public_templates())) | set(rendered)
    everywhere = stylesheet_classes(our_css())
    dead = sorted(everywhere - used)
    assert not dead, f"static/css/ styles classes no template or page uses: {dead}"
    assert not set(HOOKS) - used, f"HOOKS lists classes nothing uses any more: {set(HOOKS) - used}"
    on_paper = everywhere - stylesheet_classes(our_css(), on_screen=True)
    assert not PRINT_ONLY - on_paper, f"PRINT_ONLY lists classes with no print rule: {PRINT_ONLY - on_paper}"


def test_every_class_in_the_admin_templates_has_a_rule_in_the_admin_stylesheets():
    styled = set().union(*(stylesheet_classes(path.read_text()) for path in ADMIN_CSS))
    used = template_classes(sorted((TEMPLATES / "admin").rglob("*.html")))
    unstyled = {name: where for name, where in used.items() if name not in styled | set(ADMIN_HOOKS)}
    assert not unstyled, (
        f"admin classes styled by neither Django's admin CSS nor static/admin-extra/: {unstyled}"
    )


def test_the_class_reader_finds_selectors_only():
    css = "/* .no */ .a, p > .b:hover { margin: 0.5rem; background: url(x.svg) }\n@media print { .c .d{x:1} }"
    assert stylesheet_classes(css) == {"a", "b", "c", "d"}
    wide = css + "@media (min-width: 4rem) { .e { x: 1 } }"
    assert stylesheet_classes(wide, on_screen=True) == {"a", "b", "e"}
