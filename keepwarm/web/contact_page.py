"""What the contact page shows, read in SQL (see web/sql.py for why): the contact with its company's name, ways
to reach them, open follow-ups, jobs, the number of touches and the timeline. Model instances where the template
uses their methods (raw() applies each field's conversions, as a queryset does), plain values elsewhere."""

from django.http import Http404

from keepwarm.followups.models import FollowUp, State
from keepwarm.followups.today import job_label
from keepwarm.jobs.models import Role
from keepwarm.lib.phones import pretty
from keepwarm.people.models import Contact, ContactEmail, ContactPhone, SocialProfile

from . import timeline
from .sql import T, fetch

ROLES = dict(Role.choices)
OPEN = [State.OPEN.value, State.SNOOZED.value]
# FollowUp.effective_due in SQL: the date a follow-up is shown with (its %s is the snoozed state).
SHOWN_DATE = "CASE WHEN state = %s AND snoozed_until IS NOT NULL THEN snoozed_until ELSE due_on END"


def _raw(model, where: str, params: list, order: str, limit: int | None = None) -> list:
    sql = f"SELECT * FROM {model._meta.db_table} WHERE {where} ORDER BY {order}"
    return list(model.objects.raw(sql + (" LIMIT %s" if limit else ""), [*params, *([limit] if limit else [])]))


def contact_or_404(owner_id: int, contact_id: int) -> Contact:
    """The owner's contact, with `company_name` (None without a company); 404 for anyone else's."""
    found = list(Contact.objects.raw(
        f"SELECT c.*, co.name AS company_name FROM {T['contact']} c LEFT JOIN {T['company']} co "
        f"ON co.id = c.company_id WHERE c.owner_id = %s AND c.id = %s", [owner_id, contact_id]))
    if not found:
        raise Http404("no such contact")
    return found[0]


def details(c: Contact) -> dict:
    """The page's context but for the contact itself and the links."""
    roles = fetch(f"SELECT x.opportunity_id, x.role, o.title, co.name FROM {T['role']} x "
                  f"JOIN {T['opportunity']} o ON o.id = x.opportunity_id LEFT JOIN {T['company']} co "
                  f"ON co.id = o.company_id WHERE x.contact_id = %s ORDER BY x.id DESC LIMIT 20", [c.id])
    touches = fetch(f"SELECT COUNT(*) FROM {T['participant']} WHERE owner_id = %s AND contact_id = %s",
                    [c.owner_id, c.id])[0][0]
    events = timeline.for_contact(c)
    return {
        # The models' own orderings, spelled out.
        "emails": _raw(ContactEmail, "contact_id = %s", [c.id], '"primary" DESC, address'),
        "phones": [(p.label, p.e164, pretty(p.e164)) for p in _raw(ContactPhone, "contact_id = %s", [c.id], "id")],
        "socials": _raw(SocialProfile, "contact_id = %s", [c.id], "network, handle"),
        "roles": [{"opportunity_id": opp_id, "role": ROLES.get(role, role), "job": job_label(title, company)}
                  for opp_id, role, title, company in roles],
        # By the date each is shown with (a snoozed one's new date), as Today orders them.
        "followups": _raw(FollowUp, "owner_id = %s AND contact_id = %s AND state IN (%s, %s)",
                          [c.owner_id, c.id, *OPEN, State.SNOOZED.value], f"{SHOWN_DATE}, id", limit=10),
        "touches": touches,
        "timeline": events, "timeline_html": timeline.as_html(events, show_links=True),
    }
