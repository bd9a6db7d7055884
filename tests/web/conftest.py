import pytest


@pytest.fixture
def amy(client, owner):
    """A test client signed in as the owner."""
    client.force_login(owner)
    return client
