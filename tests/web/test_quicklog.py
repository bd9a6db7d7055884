"""Quick log: three fields for the common case, bad input never crashes nor half-writes."""

import pytest
import time_machine
from django.urls import reverse

from keepwarm.followups.models import FollowUp
from keepwarm.jobs.models import Interview
from keepwarm.jobs.services import create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction
from tests.conftest import aware


@pytest.mark.django_db
def test_three_fields_log_a_touch_now(amy, owner):
    jane = create_contact(owner, "Jane Doe")
    with time_machine.travel(aware(2026, 12, 1, 10), tick=False):
        r = amy.post(reverse("web:quick-log"), {"channel": "phone", "who": "jane doe", "summary": "Called back"})
    assert r.status_code == 302
    touch = Interaction.objects.get(owner=owner)
    assert touch.channel == "phone" and touch.direction == "out" and list(touch.contacts.all()) == [jane]
    assert touch.happened_at == aware(2026, 12, 1, 10)


@pytest.mark.django_db
def test_unknown_person_is_a_form_error_and_writes_nothing(amy, owner):
    create_contact(owner, "Jane Doe")
    r = amy.post(reverse("web:quick-log"), {"channel": "phone", "who": "Jane Doe, Nobody", "summary": "x"})
    assert r.status_code == 200 and "no such contact" in r.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.django_db
def test_ambiguous_name_is_a_form_error(amy, owner):
    create_contact(owner, "Jane Doe")
    create_contact(owner, "Jane Roe")
    r = amy.post(reverse("web:quick-log"), {"channel": "email", "who": "Jane", "summary": "x"})
    assert "several contacts match" in r.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.django_db
def test_other_users_contacts_and_jobs_are_invisible(amy, owner, outsider):
    create_contact(outsider, "Secret Sam")
    theirs = create_opportunity(outsider, "Their job")
    r = amy.post(reverse("web:quick-log"), {"channel": "email", "who": "Secret Sam", "summary": "x"})
    assert "no such contact" in r.content.decode()
    r = amy.get(reverse("web:quick-log") + f"?opportunity={theirs.id}&contact=1")
    assert "Their job" not in r.content.decode()
    r = amy.post(reverse("web:quick-log"), {"channel": "email", "who": "x", "summary": "x", "opportunity": theirs.id})
    assert r.status_code == 200 and not Interaction.objects.exists()  # not a valid choice


@pytest.mark.django_db
def test_phone_interview_earns_a_thank_you(amy, owner):
    jane = create_contact(owner, "Jane Doe")
    opp = create_opportunity(owner, "Breeder assistant", stage="interviewing", contacts=[f"{jane.id}:hiring_manager"])
    with time_machine.travel(aware(2026, 12, 1, 10), tick=False):
        amy.post(reverse("web:quick-log"), {"channel": "phone", "who": "Jane Doe", "summary": "Phone interview",
                                            "opportunity": opp.id, "was_interview": "on"})
        assert Interview.objects.get(opportunity=opp).format == "phone"
        amy.get(reverse("web:today"))
    assert FollowUp.objects.filter(owner=owner, kind="thank_you", contact=jane).exists()


@pytest.mark.django_db
def test_next_only_goes_to_this_site(amy, owner):
    create_contact(owner, "Jane Doe")
    r = amy.post(reverse("web:quick-log"), {"channel": "email", "who": "Jane Doe", "summary": "x",
                                            "next": "https://evil.example.com/"})
    assert r.url == reverse("web:today")
