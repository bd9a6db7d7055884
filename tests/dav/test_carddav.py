"""CardDAV push against a real Radicale: create, update, conflict merge, delete, foreign cards untouched."""

import datetime as dt
import uuid

import pytest
import vobject
from django.utils import timezone

from keepwarm.dav.carddav import CardDavClient
from keepwarm.dav.cardsync import Known, plan_cards
from keepwarm.dav.models import CardState, DavAccount
from keepwarm.dav.services import add_account, push_account
from keepwarm.dav.steps import push_due_accounts
from keepwarm.people.models import ContactEmail, ContactPhone
from keepwarm.people.services import create_contact

FOREIGN = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:Mum\r\nN:;Mum;;;\r\nTEL;TYPE=CELL:+13125550100\r\n"
           "END:VCARD\r\n")


@pytest.fixture
def account(owner, addressbook):
    return add_account(owner, "addressbook", addressbook, username="alice", password="secret")


@pytest.fixture
def client(addressbook):
    with CardDavClient(addressbook, "alice", "secret") as c:
        yield c


def push(account):
    report, error = push_account(DavAccount.objects.get(id=account.id))
    assert not error, error
    return report


def server_cards(client):
    return {href: vobject.readOne(client.get(href)[0]) for href in client.etags()}


def test_plan_is_pure_and_leaves_unknown_cards_alone():
    known = {1: Known("/b/1.vcf", '"e1"', "h1"), 2: Known("/b/2.vcf", '"e2"', "h2"), 3: Known("/b/3.vcf", '"e3"', "h3"),
             4: Known("/b/4.vcf", '"e4"', "h4")}
    remote = {"/b/1.vcf": '"e1"', "/b/2.vcf": '"changed"', "/b/4.vcf": '"e4"', "/b/foreign.vcf": '"x"'}
    desired = {1: "h1-new", 2: "h2", 3: "h3", 5: "h5"}
    assert sorted(plan_cards(desired, known, remote)) == [
        ("create", 3), ("create", 5), ("delete", 4), ("merge", 2), ("update", 1)]
    assert plan_cards({1: "h1"}, {1: Known("/b/1.vcf", '"e1"', "h1")}, {"/b/1.vcf": '"e1"'}) == []


def test_create_with_job_context(story, account, client):
    report = push(account)
    assert (report.created, report.changed) == (1, 1)
    (href, card), = server_cards(client).items()
    assert card.fn.value == "Jane Doe (Sugar Glider Co.)"
    assert "Hiring manager, Breeder assistant at Sugar Glider Co. — on hold since 2011-12-10" in card.note.value
    assert {t.value for t in card.contents["tel"]} == {"+13125550142", "+13125550199"}
    state = CardState.objects.get(account=account)
    assert (state.href, state.etag) == (href, client.etags()[href])


def test_second_push_changes_nothing(story, account, client):
    push(account)
    before = client.etags()
    report = push(account)
    assert (report.changed, report.unchanged) == (0, 1)
    assert client.etags() == before


def test_update_follows_keepwarm_edits(story, account, client):
    push(account)
    jane = story["jane"]
    jane.role = "Owner"
    jane.save()
    ContactPhone.objects.filter(contact=jane, label="work").delete()
    report = push(account)
    assert report.updated == 1
    (card,) = server_cards(client).values()
    assert card.title.value == "Owner"
    assert [t.value for t in card.contents["tel"]] == ["+13125550142"]


def _edit_on_phone(client, href, extra_lines):
    text, etag = client.get(href)
    text = text.replace("END:VCARD", extra_lines + "END:VCARD")
    client.update(href, text, etag)


@pytest.mark.parametrize("also_edit_in_keepwarm", [False, True])
def test_card_edited_on_the_phone_is_merged_not_overwritten(story, account, client, also_edit_in_keepwarm):
    push(account)
    (href,) = client.etags()
    _edit_on_phone(client, href, "TEL;TYPE=HOME:(415) 555-0123\r\nEMAIL;TYPE=INTERNET:Jane.Home@Example.com\r\n"
                                 "BDAY:1980-02-03\r\nTEL:12\r\n")
    if also_edit_in_keepwarm:
        story["jane"].role = "Owner"
        story["jane"].save()
    report = push(account)
    assert report.merged == 1 and not report.errors
    jane = story["jane"]
    assert ContactPhone.objects.get(contact=jane, e164="+14155550123").label == "home"
    assert ContactEmail.objects.filter(contact=jane, address="jane.home@example.com").exists()
    assert not ContactPhone.objects.filter(contact=jane, e164__endswith="12", label="").exists()  # not a number
    (card,) = server_cards(client).values()
    assert {t.value for t in card.contents["tel"]} == {"+13125550142", "+13125550199", "+14155550123"}
    assert card.bday.value == "1980-02-03"  # a property keepwarm does not manage is kept
    assert card.title.value == ("Owner" if also_edit_in_keepwarm else "Manager")
    assert push(account).changed == 0  # and the next push has nothing left to do


def test_deleted_contact_deletes_only_its_card(story, owner, account, client, addressbook, radicale):
    other_book = f"{radicale}/alice/other-{uuid.uuid4().hex[:6]}/"
    with CardDavClient(other_book, "alice", "secret") as other:
        other.make_addressbook("family")
        other.create(other.href_for("mum"), FOREIGN.format(uid="mum"))
        other_before = other.etags()
    foreign_href = client.href_for("foreign-1")
    client.create(foreign_href, FOREIGN.format(uid="foreign-1"))
    john = create_contact(owner, "John Roe", phones=["+1 415 555 0100"])
    push(account)
    assert len(client.etags()) == 3
    foreign_etag = client.etags()[foreign_href]
    story["jane"].delete()
    report = push(account)
    assert report.deleted == 1
    remaining = server_cards(client)
    assert sorted(c.fn.value for c in remaining.values()) == ["John Roe", "Mum"]
    assert client.etags()[foreign_href] == foreign_etag
    assert list(CardState.objects.filter(account=account).values_list("contact_id", flat=True)) == [john.id]
    with CardDavClient(other_book, "alice", "secret") as other:
        assert other.etags() == other_before


def test_linked_only_pushes_job_contacts_and_drops_unlinked(story, owner, addressbook, client):
    account = add_account(owner, "addressbook", addressbook, username="alice", password="secret", linked_only=True)
    create_contact(owner, "John Roe")
    push(account)
    assert [c.fn.value for c in server_cards(client).values()] == ["Jane Doe (Sugar Glider Co.)"]
    story["opp"].people.all().delete()
    assert push(account).deleted == 1
    assert client.etags() == {}


def test_lost_state_never_duplicates(story, account, client):
    push(account)
    CardState.objects.all().delete()
    report = push(account)
    assert report.merged == 1 and len(client.etags()) == 1


def test_card_deleted_on_the_phone_comes_back(story, account, client):
    push(account)
    (href, etag), = client.etags().items()
    client.delete(href, etag)
    assert push(account).created == 1 and len(client.etags()) == 1


def test_wrong_password_is_recorded_not_raised(story, owner, addressbook):
    account = add_account(owner, "addressbook", addressbook, username="alice", password="wrong")
    report, error = push_account(account)
    assert report is None and "401" in error
    assert "401" in DavAccount.objects.get(id=account.id).last_error


def test_unreachable_server_is_recorded(story, owner):
    account = add_account(owner, "addressbook", "http://127.0.0.1:9/book/", username="a", password="b")
    report, error = push_account(account)
    assert report is None and "ConnectError" in error


def test_worker_step_claims_pushes_and_waits(story, account, client):
    now = timezone.now()
    assert push_due_accounts(now) is True
    assert len(client.etags()) == 1
    assert push_due_accounts(now) is False  # pushed: not due again until the interval has passed
    # An edit in keepwarm makes the account due at once.
    story["jane"].role = "Owner"
    story["jane"].save()
    # The test runs inside one transaction that never commits: run what a commit would run.
    from django.db import connection

    for _, callback, _ in list(connection.run_on_commit):
        callback()
    assert push_due_accounts(timezone.now()) is True
    (card,) = server_cards(client).values()
    assert card.title.value == "Owner"


def test_a_claimed_account_is_left_to_its_worker(story, account, client):
    now = timezone.now()
    DavAccount.objects.filter(id=account.id).update(claimed_at=now)
    assert push_due_accounts(now) is False and client.etags() == {}
    assert push_due_accounts(now + dt.timedelta(hours=1)) is True  # a stale claim is taken over


def test_each_user_pushes_only_their_own_contacts(story, outsider, addressbook, client):
    create_contact(outsider, "Otto's friend", phones=["+1 415 555 0111"])
    account = add_account(outsider, "addressbook", addressbook, username="alice", password="secret")
    push(account)
    assert [c.fn.value for c in server_cards(client).values()] == ["Otto's friend"]


def test_cli_add_list_push(story, cli, addressbook, client, monkeypatch):
    monkeypatch.setenv("KW_DAV_PASSWORD", "secret")
    result = cli("dav", "add-addressbook", addressbook, "--username", "alice", "--password-env", "KW_DAV_PASSWORD")
    assert result.exit_code == 0, result.output
    assert DavAccount.objects.get().password == "secret"
    assert cli("dav", "push").exit_code == 0
    assert len(client.etags()) == 1
    assert "last push: 20" in cli("dav", "list").output
    prompted = cli("dav", "add-addressbook", addressbook.rstrip("/") + "2/", "--username", "alice", input="pw\n")
    assert prompted.exit_code == 0 and DavAccount.objects.count() == 2


def test_password_is_encrypted_at_rest(owner, addressbook):
    from django.db import connection

    add_account(owner, "addressbook", addressbook, username="alice", password="secret")
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM dav_davaccount")
        (stored,) = cursor.fetchone()
    assert stored and "secret" not in stored


def test_bad_url_is_input_error(owner, cli):
    result = cli("dav", "add-addressbook", "ftp://x", "--password-env", "HOME")
    assert result.exit_code == 2 and "url: expected an http" in result.output
