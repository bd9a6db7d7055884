"""The merged timelines of a contact and of an opportunity, babybuddy style: one small function per kind of
event returns uniform dicts (at, kind, title, details, link), then one sort. No model of its own.

Each kind is capped at LIMIT rows (the newest), so a contact with thousands of touches still renders in a
fixed number of queries; `older` says when there is more to page through on the interactions list.
"""

import datetime as dt
from html import escape

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from keepwarm.followups.models import FollowUp, Kind, State
from keepwarm.followups.today import job_label
from keepwarm.jobs.models import Interview, InterviewFormat, OpportunityContact, Stage, StageChange
from keepwarm.people.models import Network
from keepwarm.timeline.models import Channel, Interaction, Participant

from .links import maker

LIMIT = 50
STAGE_LABELS = dict(Stage.choices)
CHANNELS, NETWORKS = dict(Channel.choices), dict(Network.choices)
FORMATS = dict(InterviewFormat.choices)
FOLLOWUP_KINDS, FOLLOWUP_STATES = dict(Kind.choices), dict(State.choices)


def _midnight(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=tz)


def interactions(qs, limit=LIMIT) -> list[dict]:
    # Plain values and one query for the people: a busy contact's 50 touches as model objects, each with its
    # job, company and people, cost more than the rest of the page.
    opp_url = maker("web:opportunity")
    rows = list(qs.order_by("-happened_at", "-id").values(
        "id", "happened_at", "channel", "network", "direction", "summary", "body", "opportunity_id",
        "opportunity__title", "opportunity__company__name")[:limit])
    people = {}
    for interaction_id, name in (Participant.objects.filter(interaction_id__in=[r["id"] for r in rows])
                                 .order_by("contact__name", "contact_id").values_list("interaction_id", "contact__name")):
        people.setdefault(interaction_id, []).append(name)
    out = []
    for it in rows:
        channel = CHANNELS.get(it["channel"], it["channel"]) + (
            f" ({NETWORKS.get(it['network'], it['network'])})" if it["network"] else "")
        arrow = "from" if it["direction"] == "in" else "to"
        names = ", ".join(people.get(it["id"], []))
        out.append({
            "at": it["happened_at"], "kind": "touch", "icon": "↙" if it["direction"] == "in" else "↗",
            "title": f"{channel} {arrow} {names}" if names else channel,
            "details": it["summary"], "body": it["body"],
            "link": opp_url(it["opportunity_id"]) if it["opportunity_id"] else "",
            "link_label": job_label(it["opportunity__title"], it["opportunity__company__name"]) or "",
        })
    return out


def stage_changes(qs, limit=LIMIT) -> list[dict]:
    opp_url = maker("web:opportunity")
    out = []
    for ch in qs.order_by("-at", "-id").values("at", "from_stage", "to_stage", "revisit_on", "note", "opportunity_id",
                                                "opportunity__title", "opportunity__company__name")[:limit]:
        title = (f"Moved from {STAGE_LABELS.get(ch['from_stage'], ch['from_stage'])} to "
                 f"{STAGE_LABELS[ch['to_stage']]}" if ch["from_stage"] else f"Added as {STAGE_LABELS[ch['to_stage']]}")
        details = " · ".join(filter(None, [f"revisit on {ch['revisit_on']}" if ch["revisit_on"] else "", ch["note"]]))
        out.append({"at": ch["at"], "kind": "stage", "icon": "→", "title": title, "details": details,
                    "link": opp_url(ch["opportunity_id"]),
                    "link_label": job_label(ch["opportunity__title"], ch["opportunity__company__name"])})
    return out


def interviews(qs, limit=LIMIT) -> list[dict]:
    opp_url = maker("web:opportunity")
    rows = list(qs.order_by("-starts_at", "-id").values(
        "id", "starts_at", "format", "cancelled", "where", "outcome", "opportunity_id", "opportunity__title",
        "opportunity__company__name")[:limit])
    people = {}
    for interview_id, name in (Interview.interviewers.through.objects.filter(interview_id__in=[r["id"] for r in rows])
                               .order_by("contact__name", "contact_id").values_list("interview_id", "contact__name")):
        people.setdefault(interview_id, []).append(name)
    out = []
    for iv in rows:
        names = ", ".join(people.get(iv["id"], []))
        title = f"{FORMATS.get(iv['format'], iv['format'])} interview" + (f" with {names}" if names else "")
        details = " · ".join(filter(None, ["cancelled" if iv["cancelled"] else "", iv["where"], iv["outcome"]]))
        out.append({"at": iv["starts_at"], "kind": "interview", "icon": "★", "title": title, "details": details,
                    "link": opp_url(iv["opportunity_id"]),
                    "link_label": job_label(iv["opportunity__title"], iv["opportunity__company__name"])})
    return out


def closed_followups(qs, limit=LIMIT) -> list[dict]:
    out = []
    rows = (qs.filter(state__in=[State.DONE, State.DISMISSED], closed_at__isnull=False).order_by("-closed_at")
            .values("closed_at", "kind", "state", "closed_note")[:limit])
    for f in rows:
        out.append({"at": f["closed_at"], "kind": "followup", "icon": "✓",
                    "title": f"{FOLLOWUP_KINDS.get(f['kind'], f['kind'])}: {FOLLOWUP_STATES[f['state']].lower()}",
                    "details": f["closed_note"] if f["closed_note"] not in ("done", "dismissed") else "",
                    "link": "", "link_label": ""})
    return out


def as_html(events: list[dict], show_links: bool) -> SafeString:
    """The events' <li>s, built in Python: through the template engine 50 events cost ~10 ms of CPU."""
    out = []
    for e in events:
        at = timezone.localtime(e["at"])
        link = (f'<br><a class="small" href="{escape(e["link"])}">{escape(e["link_label"])}</a>'
                if e["link"] and show_links else "")
        body = (f'<details class="small"><summary>Notes</summary>{linebreaksbr(e["body"], autoescape=True)}'
                f'</details>' if e.get("body") else "")
        details = f' — {escape(e["details"])}' if e["details"] else ""
        # strftime's English names (the app's only language) at a tenth of django.utils.dateformat's cost.
        out.append(f'<li class="event-{e["kind"]}"><time datetime="{at.isoformat()}">'
                   f'{at:%a} {at.day} {at:%b %Y, %H:%M}</time><br>'
                   f'<span aria-hidden="true">{e["icon"]}</span> <strong>{escape(e["title"])}</strong>'
                   f'{details}{link}{body}</li>')
    return mark_safe("".join(out))


def merged(*parts: list[dict]) -> list[dict]:
    rows = [row for part in parts for row in part]
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows


def for_contact(contact) -> list[dict]:
    # Each kind starts from the contact's own rows (an IN over an indexed column): joined from the owner's side,
    # SQLite without statistics walked every interview and stage change the user has to find a few.
    owner_id = contact.owner_id
    jobs = OpportunityContact.objects.filter(contact=contact).values("opportunity_id")
    held = Interview.interviewers.through.objects.filter(contact=contact).values("interview_id")
    return merged(
        # Through Participant's (owner, contact, happened_at) index: the newest touches without a full join.
        interactions(Interaction.objects.filter(id__in=Participant.objects.filter(
            owner_id=owner_id, contact=contact).order_by("-happened_at").values("interaction_id")[:LIMIT])),
        interviews(Interview.objects.filter(owner_id=owner_id, id__in=held)),
        stage_changes(StageChange.objects.filter(owner_id=owner_id, opportunity_id__in=jobs)),
        closed_followups(FollowUp.objects.filter(owner_id=owner_id, contact=contact)),
    )


def for_opportunity(opp) -> list[dict]:
    return merged(
        interactions(Interaction.objects.filter(owner_id=opp.owner_id, opportunity=opp)),
        interviews(Interview.objects.filter(owner_id=opp.owner_id, opportunity=opp)),
        stage_changes(StageChange.objects.filter(owner_id=opp.owner_id, opportunity=opp)),
        closed_followups(FollowUp.objects.filter(owner_id=opp.owner_id, opportunity=opp)),
    )
