"""Owner rows for the project-wide URL isolation walk (tests/web/test_isolation.py)."""


def make_dav_account(owner):
    from keepwarm.dav.models import DavAccount

    # Port 9 on loopback: if an outsider's request ever reached it, the push would fail, not leak.
    return DavAccount.objects.create(owner=owner, kind="addressbook", url="http://127.0.0.1:9/book/")


FACTORIES = {"davaccount": make_dav_account}
