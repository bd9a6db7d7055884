import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The personas' passwords are hashed once per test: a fast hasher keeps the web tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def amy(client, owner):
    """A test client signed in as the owner."""
    client.force_login(owner)
    return client
