"""Every admin page an Editor, a Medical reviewer and a superuser can reach passes axe (WCAG 2.0-2.2
A and AA): the superuser's crawl takes in Django's own pages too (staff accounts, groups, sign-in
records, two-factor devices).

Starting from the admin home, the crawl follows every admin link it finds (lists, filtered lists,
change and add forms, history, version diffs, restore confirmations), opening one page of each
shape (the same address with other numbers counts once, and so does a list filtered any way), and
requires zero violations, every kind of page reached, and nothing left unseen when it stops.
"""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests.admin_crawl import SKIP, shape

from .conftest import ADMIN_USERNAME, STAFF_ROLES, sign_in
from .test_accessibility import AXE_OPTIONS, describe
from .test_draft_review_flow import run_in_thread

ADMIN = f"/{settings.ADMIN_URL}/"
MAX_PAGES = 150  # a bound on the crawl; the demo content's admin has fewer shapes (the test says if not)


KINDS = {
    "list": re.compile(rf"^{ADMIN}education/\w+/$"),
    "change": re.compile(r"/change/$"),
    "add": re.compile(r"/add/$"),
    "history": re.compile(r"/history/$"),
    "diff": re.compile(r"/diff/$"),
    "restore": re.compile(r"/restore/$"),
}


def admin_links(page, origin):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    links = [href.split("#")[0] for href in hrefs if href.startswith(origin + ADMIN)]
    return [link for link in links if not SKIP.search(urlsplit(link).path)]


def reviewers_lists(django_db_blocker):
    """The education lists a Medical reviewer opens: the reviewer's crawl takes those in."""

    def read():
        from django.contrib.auth.models import Permission

        with django_db_blocker.unblock():
            views = Permission.objects.filter(
                group__name=STAFF_ROLES["reviewer"],
                content_type__app_label="education",
                codename__startswith="view_",
            )
            return {
                f"{ADMIN}education/{codename.removeprefix('view_')}/"
                for codename in views.values_list("codename", flat=True)
            }

    return run_in_thread(read)


@pytest.mark.parametrize("role", [*STAFF_ROLES, "superuser"])
def test_every_admin_page_a_role_reaches_has_no_wcag_violations(
    visitor, chromium, site, role, django_db_blocker
):
    session = sign_in(chromium, site, ADMIN_USERNAME if role == "superuser" else f"crawl-{role}")
    page = visitor.new_page(session=session)
    # The superuser's crawl adds what only a superuser reaches (Django's accounts, groups, sign-in
    # records, two-factor devices, and any content a reviewer cannot open): the same content pages
    # again would double the crawl's time and check the same templates.
    others = reviewers_lists(django_db_blocker) if role == "superuser" else set()
    queue, seen, failures, kinds, console = [site.url + ADMIN], set(), [], set(), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if shape(url) in seen or urlsplit(url).path.startswith(tuple(others)):
            continue
        seen.add(shape(url))
        loaded = len(visitor.console_errors)
        response = page.goto(url)
        assert response.status == 200, f"{role}: {url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        console[url] = visitor.console_errors[loaded:]
        del visitor.console_errors[loaded:]  # reported below, by page
        kinds |= {kind for kind, pattern in KINDS.items() if pattern.search(urlsplit(url).path)}
        before = len(visitor.console_errors)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        del visitor.console_errors[before:]  # axe's own probes trip the CSP; they are not the page's
        if violations:
            failures.append(f"{url}:\n{describe(violations)}")
        queue += [link for link in admin_links(page, site.origin) if shape(link) not in seen]
    left = {shape(url) for url in queue} - seen
    assert not left, f"{role}: the crawl stopped at MAX_PAGES={MAX_PAGES}; {len(left)} kinds of page unseen"
    errors = {url: found for url, found in console.items() if found}
    assert not errors, f"{role}: browser console errors (CSP included) on admin pages: {errors}"
    report = "\n".join(failures)
    assert not failures, f"{role}: {len(failures)} of {len(seen)} admin pages fail axe:\n{report}"
    if role == "superuser":
        assert {f"{ADMIN}auth/user/", f"{ADMIN}auth/group/"} <= {urlsplit(u).path for u, _, _ in seen}, seen
    else:
        assert set(KINDS) <= kinds, f"{role} reached only {sorted(kinds)} of {sorted(KINDS)}"
