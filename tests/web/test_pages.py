"""Opportunity, contact and company pages and their edit forms."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.people.models import Company, Contact
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction
from tests.conftest import aware


@pytest.fixture
def story(owner):
    with time_machine.travel(aware(2026, 11, 1, 10), tick=False):
        jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"],
                              phones=["mobile=+1 312 555 0142"], socials=["facebook:jane.doe"],
                              topics=["breeds sugar gliders"], cadence_days=21)
        opp = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                                 stage="applied", contacts=[f"{jane.id}:hiring_manager"])
    with time_machine.travel(aware(2026, 11, 3, 10), tick=False):
        log_interaction(owner, [jane], channel="email", summary="Applied by email", opportunity=opp)
    with time_machine.travel(aware(2026, 11, 5, 10), tick=False):
        change_stage(opp, "interviewing")
        add_interview(opp, aware(2026, 11, 6, 14), format="on-site", interviewers=[str(jane.id)])
    return opp, jane


@pytest.mark.django_db
def test_opportunity_page_shows_everything_in_one_timeline(amy, story):
    opp, jane = story
    r = amy.get(reverse("web:opportunity", args=[opp.id]))
    html = r.content.decode()
    kinds = [e["kind"] for e in r.context["timeline"]]
    assert kinds == ["interview", "stage", "touch", "stage"]  # newest first, one sort over every kind
    assert "Applied by email" in html and "Hiring manager" in html and "Jane Doe" in html
    assert "Sugar Glider Co." in html


@pytest.mark.django_db
def test_contact_page_links_profiles_and_phones(amy, story):
    opp, jane = story
    html = amy.get(reverse("web:contact", args=[jane.id])).content.decode()
    assert 'href="https://www.facebook.com/jane.doe"' in html
    assert 'href="tel:+13125550142"' in html and 'mailto:jane@sugargliderco.com' in html
    assert "breeds sugar gliders" in html and "Every 21 days" in html
    assert "Applied by email" in html and "Breeder assistant" in html


@pytest.mark.django_db
def test_company_page_lists_people_and_jobs(amy, story):
    opp, jane = story
    html = amy.get(reverse("web:company", args=[opp.company_id])).content.decode()
    assert "Jane Doe" in html and "Breeder assistant" in html


@pytest.mark.django_db
def test_add_job_with_hiring_manager(amy, owner):
    r = amy.post(reverse("web:job-new"), {"title": "Office manager", "company": "Acme", "stage": "applied",
                                          "source": "job_board", "source_name": "Indeed",
                                          "hiring_manager": "Pat Lee"})
    opp = Opportunity.objects.get(owner=owner)
    assert r.url == reverse("web:opportunity", args=[opp.id])
    person = opp.people.get()
    assert person.role == "hiring_manager" and person.contact.name == "Pat Lee"
    assert person.contact.company.name == "Acme"


@pytest.mark.django_db
def test_add_job_needs_a_title(amy, owner):
    r = amy.post(reverse("web:job-new"), {"title": "", "stage": "applied", "source": "other"})
    assert r.status_code == 200 and not Opportunity.objects.exists()


@pytest.mark.django_db
def test_edit_job(amy, story):
    opp, _ = story
    r = amy.post(reverse("web:job-edit", args=[opp.id]), {"title": "Senior breeder assistant", "company": "Gliders Inc",
                                                          "source": "referral", "notes": "Ask about joeys"})
    assert r.status_code == 302
    opp.refresh_from_db()
    assert opp.title == "Senior breeder assistant" and opp.company.name == "Gliders Inc" and opp.stage == "interviewing"


@pytest.mark.django_db
def test_edit_contact_replaces_ways_to_reach(amy, story):
    _, jane = story
    r = amy.post(reverse("web:contact-edit", args=[jane.id]), {
        "name": "Jane Doe", "company": "Sugar Glider Co.", "emails": "JANE@example.com\njane@sugargliderco.com",
        "phones": "work=(312) 555-0199", "socials": "linkedin:janedoe", "topics": "sugar gliders\n10k race",
        "cadence_days": "30"})
    assert r.status_code == 302
    jane.refresh_from_db()
    assert [e.address for e in jane.emails.order_by("-primary", "id")] == ["jane@example.com", "jane@sugargliderco.com"]
    assert [(p.label, p.e164) for p in jane.phones.all()] == [("work", "+13125550199")]
    assert [s.link for s in jane.socials.all()] == ["https://www.linkedin.com/in/janedoe"]
    assert jane.topics == ["sugar gliders", "10k race"] and jane.cadence_days == 30


@pytest.mark.django_db
def test_bad_phone_in_edit_writes_nothing(amy, story):
    _, jane = story
    r = amy.post(reverse("web:contact-edit", args=[jane.id]), {
        "name": "Renamed", "emails": "", "phones": "not a number", "socials": ""})
    assert r.status_code == 200 and "not a phone number" in r.content.decode()
    jane.refresh_from_db()
    assert jane.name == "Jane Doe" and jane.emails.count() == 1 and jane.phones.count() == 1


@pytest.mark.django_db
def test_new_contact_and_bad_social(amy, owner):
    r = amy.post(reverse("web:contact-new"), {"name": "Pat", "socials": "myspace:pat"})
    assert r.status_code == 200 and not Contact.objects.exists()
    r = amy.post(reverse("web:contact-new"), {"name": "Pat", "phones": "+44 20 7946 0958"})
    assert r.status_code == 302 and Contact.objects.get().phones.get().e164 == "+442079460958"


@pytest.mark.django_db
def test_add_person_and_interview_on_job_page(amy, owner, story):
    opp, jane = story
    amy.post(reverse("web:job-person", args=[opp.id]), {"name": "Rita Recruiter", "role": "recruiter"})
    assert opp.people.get(contact__name="Rita Recruiter").role == "recruiter"
    amy.post(reverse("web:job-interview", args=[opp.id]), {
        "starts_at": "2026-12-10T14:00", "minutes": "60", "format": "video", "interviewers": "Rita Recruiter"})
    iv = opp.interviews.order_by("-starts_at").first()
    assert iv.starts_at == aware(2026, 12, 10, 14)  # read in amy's zone (America/Chicago)
    assert [c.name for c in iv.interviewers.all()] == ["Rita Recruiter"]


@pytest.mark.django_db
def test_company_edit_refuses_duplicate_name(amy, owner, story):
    opp, _ = story
    Company.objects.create(owner=owner, name="Acme")
    r = amy.post(reverse("web:company-edit", args=[opp.company_id]), {"name": "acme"})
    assert r.status_code == 200 and "already have" in r.content.decode()


@pytest.mark.django_db
def test_lists_paginate(amy, owner):
    from keepwarm.web.views.contacts import PAGE

    Contact.objects.bulk_create(Contact(owner=owner, name=f"Person {i:03d}") for i in range(PAGE + 5))
    r = amy.get(reverse("web:contacts"))
    assert len(r.context["page"].object_list) == PAGE
    r = amy.get(reverse("web:contacts") + "?page=2")
    assert len(r.context["page"].object_list) == 5
    assert amy.get(reverse("web:contacts") + "?page=abc").status_code == 200


@pytest.mark.django_db
def test_contact_timeline_escapes_what_users_typed_and_shows_local_times(amy, owner, story):
    opp, jane = story
    from keepwarm.accounts.services import profile_of

    profile = profile_of(owner)
    profile.time_zone = "America/Chicago"
    profile.save()
    with time_machine.travel(aware(2026, 11, 7, 15, 30, tz="UTC"), tick=False):
        log_interaction(owner, [jane], channel="social", network="facebook", direction="in",
                        summary="<b>Loved</b> the photos & more", body="line one\n<script>x</script>")
    html = amy.get(reverse("web:contact", args=[jane.id])).content.decode()
    assert "<b>Loved</b>" not in html and "<script>x</script>" not in html
    assert "&lt;b&gt;Loved&lt;/b&gt; the photos &amp; more" in html
    assert "line one<br>&lt;script&gt;x&lt;/script&gt;" in html
    assert "Social message (Facebook) from Jane Doe" in html
    assert '<time datetime="2026-11-07T09:30:00-06:00">Sat 7 Nov 2026, 09:30</time>' in html  # her zone
    assert f'href="{reverse("web:opportunity", args=[opp.id])}">Breeder assistant at Sugar Glider Co.</a>' in html


@pytest.mark.django_db
def test_contact_page_orders_what_it_lists(amy, owner, outsider):
    from keepwarm.followups import services as followups
    from keepwarm.followups.models import FollowUp

    with time_machine.travel(aware(2026, 11, 1, 10), tick=False):
        bo = create_contact(owner, "Bo Able", emails=["zed@example.com", "amy@example.com"],
                            phones=["+1 312 555 0199", "+1 312 555 0100"], socials=["twitter:bo", "facebook:bo.able"])
        for day, kind in ((9, "custom"), (3, "thank_you"), (5, "check_in")):
            FollowUp.objects.create(owner=owner, contact=bo, due_on=dt.date(2026, 11, day), kind=kind, reason=kind,
                                    created_at=aware(2026, 11, 1))
        snoozed = FollowUp.objects.get(kind="thank_you")
        followups.snooze(owner, snoozed.id, dt.date(2026, 11, 7))
        theirs = create_contact(outsider, "Bo Able")
        FollowUp.objects.create(owner=outsider, contact=theirs, due_on=dt.date(2026, 11, 1), kind="custom",
                                reason="not amy's", created_at=aware(2026, 11, 1))
    r = amy.get(reverse("web:contact", args=[bo.id]))
    html = r.content.decode()
    assert [e.address for e in r.context["emails"]] == ["zed@example.com", "amy@example.com"]  # the first is main
    assert [p[1] for p in r.context["phones"]] == ["+13125550199", "+13125550100"]  # as entered
    assert [s.network for s in r.context["socials"]] == ["facebook", "x"]
    assert [f.kind for f in r.context["followups"]] == ["check_in", "thank_you", "custom"]  # by the date shown
    assert "not amy's" not in html and r.context["contact"].company_name is None and r.context["touches"] == 0
