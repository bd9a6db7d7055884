"""Search shows a few hits of each kind with a "more" link when there are more; `?kind=X` lists that kind in
full, page by page. Touches are found through the index newest first and only ever the user's own."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from keepwarm.jobs.services import create_opportunity
from keepwarm.people.models import Contact
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction
from keepwarm.timeline.services import log_interaction
from keepwarm.web import search as search_module
from keepwarm.web.search import could_be_in_an_email, search


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(search_module, "LIMIT", 2)
    monkeypatch.setattr(search_module, "PAGE_SIZE", 3)


def _search(client, **params):
    return client.get(reverse("web:search"), params)


def _names(results, kind):
    return [getattr(h, "name", None) or getattr(h, "title", None) or h.summary for h in results[kind]]


@pytest.mark.django_db
def test_more_link_and_kind_pages_reach_every_hit(amy, owner, small_pages):
    names = sorted(f"Otter {i}" for i in range(7))
    for name in names:
        create_contact(owner, name)
    r = _search(amy, q="otter")
    res = r.context["results"]
    assert _names(res, "contacts") == names[:2] and res["more"]["contacts"] and not res["more"]["companies"]
    assert 'href="?q=otter&amp;kind=contacts">More contacts</a>' in r.content.decode()
    seen, page = [], 1
    while True:
        r = _search(amy, q="otter", kind="contacts", page=page)
        assert r.status_code == 200 and not r.context["results"]["companies"]
        seen += _names(r.context["results"], "contacts")
        if 'rel="next"' not in r.content.decode():
            break
        page += 1
    assert seen == names and page == 3
    assert 'href="?q=otter&amp;kind=contacts&amp;page=2" rel="prev"' in r.content.decode()
    assert "← All results" in r.content.decode()


@pytest.mark.django_db
def test_no_more_link_when_all_hits_fit(amy, owner, small_pages):
    create_contact(owner, "Otter 1")
    create_contact(owner, "Otter 2")
    r = _search(amy, q="otter")
    assert not r.context["results"]["more"]["contacts"] and "More contacts" not in r.content.decode()


@pytest.mark.django_db
def test_bad_kind_or_page_falls_back(amy, owner, small_pages):
    create_contact(owner, "Otter 1")
    assert _search(amy, q="otter", kind="nonsense").context["kind"] == ""
    r = _search(amy, q="otter", kind="contacts", page="x")
    assert r.context["results"]["page"] == 1 and _names(r.context["results"], "contacts") == ["Otter 1"]


@pytest.mark.django_db
def test_touches_newest_first_with_their_people_and_more(amy, owner, small_pages):
    jane, bob = create_contact(owner, "Jane Doe"), create_contact(owner, "Bob Roe")
    now = timezone.now()
    for days in (5, 1, 3, 2, 4):
        log_interaction(owner, [bob, jane], channel="email", summary=f"Kangaroo news {days}",
                        happened_at=now - dt.timedelta(days=days))
    res = search(owner, "kangaroo", limit=2)
    assert [h.summary for h in res["interactions"]] == ["Kangaroo news 1", "Kangaroo news 2"]
    assert [name for name, _ in res["interactions"][0].people] == ["Bob Roe", "Jane Doe"]
    assert res["interactions"][0].people[1][1] == reverse("web:contact", args=[jane.id])
    assert res["more"]["interactions"]
    html = _search(amy, q="kangaroo", kind="interactions", page=2).content.decode()
    assert "Kangaroo news 4" in html and "Kangaroo news 5" not in html.split("Kangaroo news 4")[0]


@pytest.mark.django_db
def test_another_users_touches_are_never_found(amy, owner, outsider):
    mine, theirs = create_contact(owner, "Jane Doe"), create_contact(outsider, "Otto Other")
    for i in range(3):
        log_interaction(outsider, [theirs], channel="email", summary=f"Wombat secret {i}")
    log_interaction(owner, [mine], channel="email", summary="Wombat plans")
    assert [h.summary for h in search(owner, "wombat")["interactions"]] == ["Wombat plans"]
    assert [h.summary for h in search(outsider, "wombat")["interactions"]] == [f"Wombat secret {i}" for i in (2, 1, 0)]
    html = _search(amy, q="wombat", kind="interactions").content.decode()
    assert "Wombat plans" in html and "secret" not in html


@pytest.mark.django_db
def test_the_fts_cap_keeps_the_newest_logged_matches(owner, monkeypatch):
    """SQLite's FTS index reads the newest-logged FTS_CAP matches; PostgreSQL has no cap (every match, newest
    first)."""
    capped = connection.vendor == "sqlite"
    if capped:
        assert search_module.has_fts()
    monkeypatch.setattr(search_module, "FTS_CAP", 3)
    jane = create_contact(owner, "Jane Doe")
    now = timezone.now()
    for i in range(6):  # logged in this order; the first logged happened most recently
        log_interaction(owner, [jane], channel="email", summary=f"Quokka {i}", happened_at=now - dt.timedelta(days=i))
    found = [h.summary for h in search(owner, "quokka")["interactions"]]
    assert found == (["Quokka 3", "Quokka 4", "Quokka 5"] if capped else [f"Quokka {i}" for i in range(6)])


@pytest.mark.django_db
def test_hits_carry_links_and_labels(owner):
    jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.")
    job = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="interviewing")
    assert search(owner, "jane")["contacts"][0] == (jane.id, "Jane Doe", "Sugar Glider Co.", reverse("web:contact", args=[jane.id]))
    res = search(owner, "glider")
    assert res["companies"][0].url == reverse("web:company", args=[jane.company_id])
    hit = res["opportunities"][0]
    assert (hit.id, hit.stage_label, hit.company_name, hit.url) == (
        job.id, "Interviewing", "Sugar Glider Co.", reverse("web:opportunity", args=[job.id]))


@pytest.mark.django_db
def test_a_job_is_found_by_its_company_name(owner):
    job = create_opportunity(owner, "Night shift", company="Wallaby Works")
    create_opportunity(owner, "Day shift", company="Koala Corp")
    assert [h.id for h in search(owner, "wallaby")["opportunities"]] == [job.id]


def test_what_could_be_part_of_an_email():
    assert could_be_in_an_email("jane@sugar") and could_be_in_an_email("o'brien") and could_be_in_an_email("a+b")
    assert not could_be_in_an_email("Jane Doe") and not could_be_in_an_email('"x') and not could_be_in_an_email("(312)")


@pytest.mark.django_db
def test_names_with_a_space_still_match_contacts(owner):
    create_contact(owner, "Jane Doe", emails=["jane@example.com"])
    assert _names(search(owner, "jane doe"), "contacts") == ["Jane Doe"]
    assert _names(search(owner, "@example"), "contacts") == ["Jane Doe"]


def _count(client, **params):
    client.get(reverse("web:search"), params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("web:search"), params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_hits(amy, owner, small_pages):
    views = [{"q": "emu"}, {"q": "emu", "kind": "contacts"}, {"q": "emu", "kind": "interactions"}]
    first = create_contact(owner, "Emu 0")
    log_interaction(owner, [first], channel="email", summary="Emu talk")
    few = [_count(amy, **v) for v in views]
    for i in range(1, 9):
        c = create_contact(owner, f"Emu {i}", company=f"Emu Co {i}")
        create_opportunity(owner, f"Emu keeper {i}", company=f"Emu Co {i}")
        log_interaction(owner, [c, first], channel="email", summary=f"Emu talk {i}")
    assert [_count(amy, **v) for v in views] == few
    assert Contact.objects.filter(owner=owner).count() == 9 and Interaction.objects.filter(owner=owner).count() == 9


@pytest.mark.django_db
def test_asking_each_side_apart_finds_the_same_hits(owner, monkeypatch, small_pages):
    """Contacts match by name or by email: the same hits, order and pages whichever way the database is asked
    (PostgreSQL with the trigram indexes asks the two sides apart; SQLite in one query)."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is None:
                pytest.skip("pg_trgm is not installed")
            cursor.execute("CREATE INDEX IF NOT EXISTS web_contact_name_trgm ON people_contact "
                           "USING gin ((UPPER(name::text)) gin_trgm_ops)")
            cursor.execute("CREATE INDEX IF NOT EXISTS web_contactemail_address_trgm ON people_contactemail "
                           "USING gin ((UPPER(address::text)) gin_trgm_ops)")
        monkeypatch.setattr(search_module, "_PG_INDEXES", {})
    for name in ("Ann Platypus", "Cy Platypus", "Eve Platypus"):
        create_contact(owner, name)
    for name in ("Bo Smith", "Di Jones", "Fay Brown"):
        create_contact(owner, name, emails=[f"{name.split()[0].lower()}@platypus.example"])
    create_contact(owner, "Al Platypus", emails=["al@platypus.example"])  # matches both ways: listed once
    expected = ["Al Platypus", "Ann Platypus", "Bo Smith", "Cy Platypus", "Di Jones", "Eve Platypus", "Fay Brown"]
    assert _names(search(owner, "platypus", limit=3), "contacts") == expected[:3]
    pages = [search_module.search_kind(owner, "platypus", "contacts", page=n)["contacts"] for n in (1, 2, 3)]
    assert [h.name for page in pages for h in page] == expected
    if postgres:
        assert search_module.trigram_indexes(*search_module.CONTACT_INDEXES)
