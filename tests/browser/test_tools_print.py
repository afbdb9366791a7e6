"""The printable tools print on ONE sheet, on US Letter and on A4, with the form and crisis line kept."""

import re

import pytest

from .conftest import ARTEFACTS

pytestmark = pytest.mark.browser

TOOLS = ["/tools/my-medicines/", "/tools/diary/"]


def _pages(pdf):
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("path", TOOLS)
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_each_tool_prints_on_one_sheet(visitor, site, path, paper):
    page = visitor.new_page(width=1280)
    assert page.goto(site.url + path).status == 200
    page.emulate_media(media="print")
    for hidden in [".crisis-bar", ".site-nav", ".site-search"]:
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator(".tool-sheet table tbody tr").count() >= 10
    assert "988" in page.locator(".tool-sheet").inner_text()
    ARTEFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-")
    pdf = page.pdf(path=ARTEFACTS / f"{name}-{paper}.pdf", format=paper)
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf) == 1, f"{path} prints on {_pages(pdf)} sheets of {paper}"
