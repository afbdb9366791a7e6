"""Django's staff account and group pages use plain labelled selects (the filter_horizontal boxes'
script fails axe), and still save what a superuser chooses."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from education.editorial.permissions import EDITORS

pytestmark = pytest.mark.django_db


def test_a_superuser_gives_a_group_permissions_in_a_plain_labelled_select(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:auth_group_add")
    page = client.get(url).content.decode()
    assert "selectfilter" not in page  # the class that makes Django's script draw its boxes
    assert '<label for="id_permissions">' in page and '<select name="permissions"' in page
    permission = Permission.objects.get(codename="change_article")
    assert client.post(url, {"name": "Proofreaders", "permissions": [permission.pk]}).status_code == 302
    assert list(Group.objects.get(name="Proofreaders").permissions.all()) == [permission]


def test_a_superuser_puts_an_account_in_a_group_in_a_plain_labelled_select(client, superuser, editor):
    client.force_login(superuser)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    response = client.get(url)
    page = response.content.decode()
    assert "selectfilter" not in page
    assert '<label for="id_groups">' in page and '<select name="groups"' in page
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in ("username", "first_name", "last_name", "email")}
    data |= {"is_active": "on", "is_staff": "on", "groups": [], "user_permissions": []}
    data |= {"last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00"}
    assert client.post(url, data).status_code == 302
    assert not editor.groups.filter(name=EDITORS).exists()  # taken out of Editors
