import pytest
from django.utils import timezone

from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Company, Contact, ContactEmail
from keepwarm.timeline.models import Direction, Interaction, Participant

SCAM_TEXT = ("Package Forwarding Coordinator, work from home. You will receive packages at your home and re-ship "
             "them to our overseas clients. Interview on Telegram. Earn $500 per day, 2 hours a day.")


@pytest.fixture
def make_opportunity():
    def make(owner, text=SCAM_TEXT, **kw):
        now = timezone.now()
        return Opportunity.objects.create(owner=owner, title=kw.pop("title", "Coordinator"), posting_text=text,
                                          stage_changed_at=now, created_at=now, **kw)
    return make


@pytest.fixture
def make_message():
    def make(owner, body=SCAM_TEXT, sender="recruiter.jobs@gmail.com", summary="Job offer"):
        contact = Contact.objects.create(owner=owner, name="Recruiter")
        ContactEmail.objects.create(owner=owner, contact=contact, address=sender, primary=True)
        now = timezone.now()
        inter = Interaction.objects.create(owner=owner, channel="email", direction=Direction.INBOUND,
                                           happened_at=now, summary=summary, body=body)
        Participant.objects.create(owner=owner, interaction=inter, contact=contact, happened_at=now,
                                   direction=Direction.INBOUND)
        return inter
    return make


@pytest.fixture
def company(owner):
    return Company.objects.create(owner=owner, name="Sugar Glider Co.", website="https://www.sugargliderco.com/",
                                  email_domains=["sugargliderco.com"])
