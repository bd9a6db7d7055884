"""Follow-up drafts: one text template per kind of message, filled with the contact, company, job and topics.

The user edits the draft before sending; these only give a good start. Plain-text templates are rendered
with autoescaping off (an "&" in a company name must stay an "&").
"""

import dataclasses
from functools import lru_cache
from pathlib import Path

from django.template import Context, Engine

from keepwarm.followups.models import Kind

TEMPLATES = {
    "thank_you": "Thank-you after an interview",
    "check_in": "Check-in after applying",
    "keep_warm": "Keep-warm touch",
    "after_rejection": "After a rejection",
    "after_on_hold": "After \u201con hold\u201d",
    "general": "Blank note",
}
FOR_KIND = {
    Kind.THANK_YOU: "thank_you", Kind.FOLLOW_UP: "check_in", Kind.CHECK_IN: "check_in",
    Kind.GHOSTED: "check_in", Kind.KEEP_WARM: "keep_warm", Kind.KEEP_IN_TOUCH: "keep_warm",
    Kind.GRACIOUS_REPLY: "after_rejection", Kind.REVISIT: "after_on_hold", Kind.CUSTOM: "general",
}


@lru_cache(maxsize=1)
def text_engine() -> Engine:
    return Engine(dirs=[str(Path(__file__).parent / "templates" / "mail")], autoescape=False)


@dataclasses.dataclass
class Draft:
    template: str
    to: str
    subject: str
    body: str


def render(template: str, context: dict) -> tuple[str, str]:
    """(subject, body) from drafts/<template>.txt, whose first line is "Subject: …"."""
    if template not in TEMPLATES:
        template = "general"
    text = text_engine().get_template(f"drafts/{template}.txt").render(Context(context, autoescape=False))
    first, _, body = text.partition("\n")
    subject = first.removeprefix("Subject:").strip()
    return subject, body.strip("\n") + "\n"


def context_for(user, contact=None, opportunity=None, topics=None) -> dict:
    company = (opportunity.company if opportunity and opportunity.company_id else
               contact.company if contact and contact.company_id else None)
    topics = list(topics if topics is not None else (contact.topics if contact else []))
    name = (user.get_full_name() or user.username).strip()
    return {
        "first_name": contact.name.split()[0] if contact and contact.name.split() else "there",
        "contact": contact.name if contact else "",
        "company": company.name if company else "",
        "job": opportunity.title if opportunity else "",
        "topic": topics[0] if topics else "",
        "other_topics": topics[1:3],
        "my_name": name,
    }


def draft_for(user, *, contact=None, followup=None, template=None) -> Draft:
    """The starting draft for a contact, or for a follow-up (its kind picks the template, its topics fill it)."""
    opportunity = None
    topics = None
    if followup is not None:
        contact = followup.contact or contact
        opportunity = followup.opportunity
        topics = followup.topics or None
        template = template or FOR_KIND.get(followup.kind, "general")
        if contact is None and opportunity is not None:
            contact = opportunity.contacts.order_by("roles__id").first()
    template = template or "keep_warm"
    subject, body = render(template, context_for(user, contact, opportunity, topics))
    return Draft(template=template, to=contact.primary_email if contact else "", subject=subject, body=body)
