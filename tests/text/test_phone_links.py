"""The clinic's phone number is a tel: link a phone can dial (RFC 3966: tel:+1-202-555-0142), made
from the number as staff type it; the admin refuses a number that cannot become one."""

import re

import pytest

from education.models import ClinicDetails, Draft
from education.text.phone import CRISIS_LINES, tel_uri
from tests.admin_forms import edit_in_admin
from tests.public_pages import public_pages

TEL_HREF = re.compile(r'href="(tel:[^"]*)"')
# RFC 3966 global-number with no parameters: "+", digits and the visual separators - . ( ).
GLOBAL_NUMBER = re.compile(r"tel:\+[0-9().-]*[0-9][0-9().-]*")


@pytest.mark.parametrize(
    "typed",
    ["(202) 555-0142", "202-555-0142", "202.555.0142", "2025550142", "+1 202 555 0142", "1 (202) 555-0142"],
)
def test_a_us_number_as_staff_type_it_becomes_a_global_tel_link(typed):
    assert tel_uri(typed) == "tel:+1-202-555-0142"


@pytest.mark.parametrize(
    "typed",
    [
        "555-0142",
        "[Clinic phone]",
        "(102) 555-0142",
        "+44 20 7946 0958",
        "202-555-01420",
        "call 202-555-0142",
    ],
)
def test_something_that_is_not_a_us_number_makes_no_link(typed):
    assert tel_uri(typed) == ""


@pytest.mark.django_db
def test_every_phone_link_on_every_public_page_is_dialable(client, demo_content):
    for name, response in public_pages(client).items():
        links = TEL_HREF.findall(response.content.decode())
        assert "tel:+1-202-555-0142" in links, name  # the demo clinic's (202) 555-0142, in the footer
        for link in links:
            assert GLOBAL_NUMBER.fullmatch(link) or link.removeprefix("tel:") in CRISIS_LINES, (name, link)


@pytest.mark.django_db
def test_a_number_that_is_not_one_is_shown_as_text_without_a_link(client):
    ClinicDetails().save()  # the model's default, "[Clinic phone]"
    page = client.get("/").content.decode()
    assert "Phone: [Clinic phone]" in page
    assert not [link for link in TEL_HREF.findall(page) if link.removeprefix("tel:") not in CRISIS_LINES]


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
def test_the_admin_refuses_a_phone_number_it_cannot_link(client, request, user_fixture):
    clinic = ClinicDetails(name="Lakeside Clinic", phone="(202) 555-0100")
    clinic.save()
    client.force_login(request.getfixturevalue(user_fixture))
    response = edit_in_admin(client, clinic, phone="555-0199")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a US phone number with its area code, such as (202) 555-0142" in page
    assert response.context["adminform"].form.errors["phone"]
    assert 'value="555-0199"' in page  # what was typed stays on the form to correct
    clinic.refresh_from_db()
    assert clinic.phone == "(202) 555-0100"
    assert not Draft.objects.exists()  # an Editor's refused save makes no draft either
