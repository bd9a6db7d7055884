"""Search through SQLite's trigram indexes on contact names, addresses, company names and job titles (web.0003):
the indexes follow every write, and the indexed path finds exactly what the plain scan finds, for rare and for
common terms alike. On PostgreSQL the same expectations hold through its own indexes."""

import datetime as dt

import pytest
import time_machine
from django.db import connection

from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import create_opportunity
from keepwarm.people.models import Company, Contact, ContactEmail
from keepwarm.people.services import create_contact
from keepwarm.web import search as search_module
from keepwarm.web.search import search
from tests.conftest import aware


def _names(user, q):
    return [hit.name for hit in search(user, q)["contacts"]]


@pytest.mark.django_db
def test_the_indexes_follow_inserts_updates_and_deletes(owner):
    dana = create_contact(owner, "Dana Whitfield", emails=["dana@glider-farm.example"])
    Contact.objects.bulk_create([Contact(owner=owner, name="Bulk Quokka")])
    bulk = Contact.objects.get(name="Bulk Quokka")
    ContactEmail.objects.bulk_create([ContactEmail(owner=owner, contact=bulk, address="q@wombat-mail.example")])
    assert _names(owner, "whitf") == ["Dana Whitfield"]
    assert _names(owner, "glider-farm") == ["Dana Whitfield"]
    assert _names(owner, "QUOKKA") == ["Bulk Quokka"] and _names(owner, "wombat-mail") == ["Bulk Quokka"]

    Contact.objects.filter(pk=dana.pk).update(name="Dana Marsh")  # an UPDATE statement, no save()
    ContactEmail.objects.filter(contact=dana).update(address="dana@marsupial.example")
    assert _names(owner, "whitf") == [] and _names(owner, "glider-farm") == []
    assert _names(owner, "marsh") == ["Dana Marsh"] and _names(owner, "marsupial") == ["Dana Marsh"]

    bulk.delete()  # its addresses go with it
    assert _names(owner, "quokka") == [] and _names(owner, "wombat-mail") == []


def _jobs(user, q):
    return [hit.title for hit in search(user, q)["opportunities"]]


def _companies(user, q):
    return [hit.name for hit in search(user, q)["companies"]]


@pytest.mark.django_db
def test_company_and_job_indexes_follow_writes(owner, outsider):
    job = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="applied")
    create_opportunity(outsider, "Breeder assistant", company="Sugar Glider Co.", stage="applied")
    assert _jobs(owner, "breeder") == ["Breeder assistant"] and _jobs(owner, "glider co") == ["Breeder assistant"]
    assert _companies(owner, "glider") == ["Sugar Glider Co."]
    Opportunity.objects.filter(pk=job.pk).update(title="Vet tech")
    Company.objects.filter(pk=job.company_id).update(name="Marsupial Farm")
    assert _jobs(owner, "breeder") == [] and _companies(owner, "glider") == [] and _jobs(owner, "glider") == []
    assert _jobs(owner, "vet te") == ["Vet tech"] and _jobs(owner, "marsupial") == ["Vet tech"]
    job.delete()
    assert _jobs(owner, "vet te") == [] and _companies(owner, "marsupial") == ["Marsupial Farm"]


@pytest.mark.django_db
def test_other_owners_contacts_are_never_found(owner, outsider):
    create_contact(outsider, "Dana Whitfield", emails=["dana@glider-farm.example"])
    create_contact(owner, "Dana Marsh")
    assert _names(owner, "whitfield") == [] and _names(owner, "glider") == []
    assert _names(outsider, "whitfield") == ["Dana Whitfield"]


@pytest.fixture
def people(owner, outsider):
    create_contact(owner, "Zed Anderson", emails=["zed@example.com"])
    create_contact(owner, "Amy Sanderson", emails=["amy.s@example.org"])
    create_contact(owner, "Bo Carlson", emails=["bo@andersen-hiring.example.com"])
    create_contact(owner, 'Odd "Quote" 50%_name')
    for i in range(12):
        create_contact(owner, f"Filler {i:02} Person", emails=[f"filler{i}@example.com"])
    create_contact(outsider, "Anders Outsider", emails=["anders@example.com"])
    return owner


EXPECTED = {
    "anders": ["Amy Sanderson", "Bo Carlson", "Zed Anderson"],  # names and an address, name order
    "example.org": ["Amy Sanderson"],
    '"quote"': ['Odd "Quote" 50%_name'],
    "50%_": ['Odd "Quote" 50%_name'],
    "nobody-here": [],
    # A common term: every contact has an address at example.com; the first page in name order.
    "example.com": ["Bo Carlson"] + [f"Filler {i:02} Person" for i in range(9)],
}


@pytest.mark.django_db
@pytest.mark.parametrize("cap", [1000, 2])  # 2: the common-term path (scan in name order) for every term above
@pytest.mark.parametrize("q", list(EXPECTED))
def test_indexed_and_scanned_paths_find_the_same(people, monkeypatch, q, cap):
    monkeypatch.setattr(search_module, "FTS_ID_CAP", cap)
    assert _names(people, q) == EXPECTED[q]


@pytest.fixture
def jobs(owner, outsider):
    with time_machine.travel(aware(2026, 11, 1, 10), tick=False) as traveller:
        for n, (title, company) in enumerate([("Kennel hand", "Anderson Pets"), ("Groomer", "Sanderson & Co"),
                                              ("Ander-assistant", ""), ("Cashier", "Big Box")]):
            create_opportunity(owner, title, company=company, stage="applied")
            traveller.shift(dt.timedelta(hours=1))
        for i in range(12):
            create_opportunity(owner, f"Filler job {i:02}", company=f"Example Corp {i}", stage="saved")
            traveller.shift(dt.timedelta(hours=1))
        create_opportunity(outsider, "Anderson's job", company="Anderson Pets", stage="applied")
    return owner


JOB_EXPECTED = {  # newest first
    "ander": ["Ander-assistant", "Groomer", "Kennel hand"],
    "& co": ["Groomer"],
    "nobody-here": [],
    "example corp": [f"Filler job {i:02}" for i in range(11, 1, -1)],  # a common term: the first page
}
COMPANY_EXPECTED = {"ander": ["Anderson Pets", "Sanderson & Co"],
                    "example corp 1": ["Example Corp 1", "Example Corp 10", "Example Corp 11"]}


@pytest.mark.django_db
@pytest.mark.parametrize("cap", [1000, 2])
@pytest.mark.parametrize("found, q, expected", [(_jobs, q, hits) for q, hits in JOB_EXPECTED.items()]
                         + [(_companies, q, hits) for q, hits in COMPANY_EXPECTED.items()])
def test_jobs_and_companies_indexed_and_scanned_alike(jobs, monkeypatch, found, q, expected, cap):
    monkeypatch.setattr(search_module, "FTS_ID_CAP", cap)
    assert found(jobs, q) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("cap", [1000, 2])
def test_listing_one_kind_in_full_uses_the_same_matches(people, monkeypatch, cap):
    monkeypatch.setattr(search_module, "FTS_ID_CAP", cap)
    page = search_module.search_kind(people, "example", "contacts")
    assert [h.name for h in page["contacts"]] == (
        ["Amy Sanderson", "Bo Carlson"] + [f"Filler {i:02} Person" for i in range(12)] + ["Zed Anderson"])
    assert page["has_next"] is False


@pytest.mark.django_db
def test_the_indexes_exist_where_the_database_supports_them():
    if connection.vendor == "sqlite":
        assert all(search_module.has_fts(t) for t in ("web_contact_fts", "web_contactemail_fts", "web_company_fts",
                                                      "web_opportunity_fts"))
    else:
        assert search_module.trigram_indexes(*search_module.CONTACT_INDEXES, *search_module.JOB_INDEXES)
