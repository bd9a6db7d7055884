"""First run, signing in and out, password change, and that nothing is served to a stranger."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from .urlwalk import reverse_with, walk

# Pages anyone may see: signing in, creating the very first account, the health check.
PUBLIC = {"accounts:login", "accounts:first-run", "web:ping"}


@pytest.mark.django_db
def test_first_visit_without_users_leads_to_first_run(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:first-run")
    response = client.post(reverse("accounts:first-run"), {
        "username": "amy", "password1": "a-long-test-password", "password2": "a-long-test-password",
        "time_zone": "America/Chicago"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:today")
    assert response.context["user"].username == "amy"
    assert response.context["user"].profile.time_zone == "America/Chicago"


@pytest.mark.django_db
def test_first_run_is_gone_once_an_account_exists(client, owner):
    assert client.get(reverse("accounts:first-run")).status_code == 404
    response = client.post(reverse("accounts:first-run"), {
        "username": "mallory", "password1": "a-long-test-password", "password2": "a-long-test-password",
        "time_zone": "UTC"})
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="mallory").exists()


@pytest.mark.django_db
def test_first_run_rejects_mismatched_and_weak_passwords(client):
    url = reverse("accounts:first-run")
    r = client.post(url, {"username": "amy", "password1": "a-long-test-password", "password2": "different-one",
                          "time_zone": "UTC"})
    assert r.status_code == 200 and "differ" in r.content.decode()
    r = client.post(url, {"username": "amy", "password1": "123", "password2": "123", "time_zone": "UTC"})
    assert r.status_code == 200
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_sign_in_and_out(client, owner):
    r = client.post(reverse("accounts:login"), {"username": "amy", "password": "a-long-test-password"})
    assert r.status_code == 302 and r.url == "/"
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # a link cannot sign you out
    r = client.post(reverse("accounts:logout"))
    assert r.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_does_not_sign_in(client, owner):
    r = client.post(reverse("accounts:login"), {"username": "amy", "password": "wrong"})
    assert r.status_code == 200
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_change_password(client, owner):
    client.force_login(owner)
    r = client.post(reverse("accounts:password-change"), {
        "old_password": "a-long-test-password", "new_password1": "a-brand-new-passphrase",
        "new_password2": "a-brand-new-passphrase"})
    assert r.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("a-brand-new-passphrase")


@pytest.mark.django_db
def test_every_page_redirects_strangers_to_sign_in(client, owner):
    """Walks every URL of the project: logged out, nothing but the public pages answers with content."""
    login = reverse("accounts:login")
    failures = []
    for route in walk():
        if route.name in PUBLIC or ":" not in route.name:
            continue
        url = reverse_with(route, {k: 1 for k in route.kwargs if k.endswith("_id")})
        if url is None:
            failures.append(f"{route.name}: cannot build a URL to check")
            continue
        for method in ("get", "post"):
            r = getattr(client, method)(url)
            to_login = r.status_code == 302 and r.url.startswith(login)
            if route.name.startswith(("web:", "accounts:")):
                ok = to_login or r.status_code == 405  # the web app's pages: always the sign-in page
            else:
                # machine endpoints (DAV feeds with a secret token, the bookmarklet) may refuse instead
                ok = to_login or r.status_code in (401, 403, 404, 405)
            if not ok:
                failures.append(f"{method.upper()} {url} ({route.name}): {r.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_own_pages_redirect_to_sign_in_with_next(client):
    r = client.get(reverse("web:board"))
    assert r.status_code == 302 and r.url == f"{reverse('accounts:login')}?next=/board/"


@pytest.mark.django_db
def test_csrf_is_enforced(owner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    r = strict.post(reverse("web:quick-log"), {"channel": "email", "who": "x", "summary": "y"})
    assert r.status_code == 403


@pytest.mark.django_db
def test_signed_in_user_comes_with_the_profile_in_one_query(owner, django_assert_num_queries):
    from keepwarm.accounts.backends import UserWithProfileBackend
    from keepwarm.accounts.services import profile_of

    profile = profile_of(owner)
    profile.time_zone = "Europe/Paris"
    profile.save()
    with django_assert_num_queries(1):
        user = UserWithProfileBackend().get_user(owner.id)
        assert profile_of(user).time_zone == "Europe/Paris"
    assert UserWithProfileBackend().get_user(10**9) is None
