"""Only the right people see drafts: every preview address needs the permission to view that kind of
content (Editors, Medical reviewers and superusers have it). A staff account in no group gets 403
(issue 27: it could read every draft, with ids counting up from 1)."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from education.models import Draft, Status
from tests.admin_forms import edit_in_admin

pytestmark = pytest.mark.django_db

UNREVIEWED = "Wording nobody has reviewed yet."


@pytest.fixture
def staff_in_no_group(db):
    return User.objects.create_user("frontdesk", password="correct horse battery staple", is_staff=True)


@pytest.fixture
def previews(client, editor, reviewer, make_article, make_faq, make_safety_item):
    """{what: address} for every preview: an unpublished article, and a draft (and its live side) of
    each kind with a patient preview, each draft saved by a real Editor through the admin."""
    hidden = make_article(status=Status.DRAFT, body=f"## Not yet live\n\n{UNREVIEWED}")
    urls = {"unpublished article": reverse("education:article_preview", args=[hidden.pk])}
    client.force_login(editor)
    for kind, obj, field in (
        ("article", make_article(), "body"),
        ("FAQ", make_faq(reviewer=reviewer), "answer"),
        ("safety item", make_safety_item(reviewer=reviewer), "guidance"),
    ):
        edit_in_admin(client, obj, **{field: f"<p>{UNREVIEWED}</p>"})
        url = reverse("education:draft_preview", args=[Draft.objects.for_object(obj).get().pk])
        urls[f"{kind} draft"] = url
        urls[f"{kind} draft, live side"] = f"{url}?show=live"
    client.logout()
    return urls


def test_a_staff_account_in_no_group_gets_403_on_every_preview(client, previews, staff_in_no_group):
    client.force_login(staff_in_no_group)
    for what, url in previews.items():
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 403, what
        assert UNREVIEWED not in page, what
        assert "Ask an administrator to add you to the Editors or Medical reviewers group." in page, what


def test_a_staff_account_in_no_group_cannot_learn_which_drafts_exist(client, previews, staff_in_no_group):
    client.force_login(staff_in_no_group)
    assert client.get(reverse("education:draft_preview", args=[999999])).status_code == 403
    assert client.get(reverse("education:article_preview", args=[999999])).status_code == 403


@pytest.mark.parametrize("who", ["editor", "medical_reviewer_user", "superuser"])
def test_editors_reviewers_and_superusers_see_every_preview(client, previews, who, request):
    client.force_login(request.getfixturevalue(who))
    for what, url in previews.items():
        response = client.get(url)
        assert response.status_code == 200, (who, what)
        shows_draft = not url.endswith("?show=live")
        assert (UNREVIEWED in response.content.decode()) == shows_draft, (who, what)


def test_the_permission_is_for_that_kind_of_content(client, previews, staff_in_no_group):
    """Viewing FAQs lets a staff member preview FAQ drafts, and no article or safety item."""
    group = Group.objects.create(name="FAQ readers")
    group.permissions.add(Permission.objects.get(codename="view_faq"))
    staff_in_no_group.groups.add(group)
    client.force_login(staff_in_no_group)
    for what, url in previews.items():
        expected = 200 if what.startswith("FAQ") else 403
        assert client.get(url).status_code == expected, what


def test_signed_out_visitors_are_sent_to_sign_in(client, previews):
    for what, url in previews.items():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], what
