"""The two reads every request makes, written in SQL (accounts/sessions.py, accounts/backends.py), give what
Django's ORM reads gave: the same user and profile, field for field, and the same session rules."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from keepwarm.accounts.backends import UserWithProfileBackend
from keepwarm.accounts.models import Profile
from keepwarm.accounts.sessions import SessionStore


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.django_db
def test_the_user_and_profile_are_what_the_orm_reads(owner):
    profile = Profile.objects.get(user=owner)
    profile.rules = {"on_hold_every": 14}
    profile.save()
    get_user_model().objects.filter(pk=owner.pk).update(last_login=timezone.now(), first_name="Amy")
    expected = get_user_model().objects.select_related("profile").get(pk=owner.pk)
    with CaptureQueriesContext(connection) as queries:
        user = UserWithProfileBackend().get_user(owner.pk)
        assert _fields(user) == _fields(expected) and _fields(user.profile) == _fields(expected.profile)
        assert user.profile.rules == {"on_hold_every": 14} and user.profile.user is user
        assert user.last_login.tzinfo is not None and user.profile.time_zone == "America/Chicago"
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_no_profile_unknown_or_inactive_users(owner):
    Profile.objects.filter(user=owner).delete()
    user = UserWithProfileBackend().get_user(owner.pk)
    with CaptureQueriesContext(connection) as queries, pytest.raises(Profile.DoesNotExist):
        user.profile  # noqa: B018 — as select_related("profile") leaves it: known to be missing, no query
    assert len(queries.captured_queries) == 0
    assert UserWithProfileBackend().get_user(owner.pk + 1000) is None
    get_user_model().objects.filter(pk=owner.pk).update(is_active=False)
    assert UserWithProfileBackend().get_user(owner.pk) is None


@pytest.mark.django_db
def test_sessions_load_expire_and_end_at_sign_out(client, owner):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    key = store.session_key
    assert SessionStore(key).load() == {"answer": 42}
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    stale = SessionStore(key)
    assert stale.load() == {} and stale.session_key is None  # a new key is made when it is next saved
    assert SessionStore("no-such-key-0123456789abcdef0123").load() == {}

    client.force_login(owner)
    assert client.get(reverse("web:today")).status_code == 200
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie  # replayed after signing out
    assert client.get(reverse("web:today")).status_code == 302  # the server forgot it: back to sign-in
