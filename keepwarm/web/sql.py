"""The web app's reads written in SQL, where a page is hot enough that building its queries through the ORM
costs more Python time than the database spends on them (the timeline, Today's interviews): table names from
the models, the join that labels an event with its job, and two helpers to read rows."""

from django.db import connection

from keepwarm.followups.models import FollowUp
from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact, StageChange
from keepwarm.people.models import Company, Contact
from keepwarm.timeline.models import Interaction, Participant

T = {  # table names, from the models
    "interaction": Interaction._meta.db_table, "participant": Participant._meta.db_table,
    "contact": Contact._meta.db_table, "company": Company._meta.db_table,
    "opportunity": Opportunity._meta.db_table, "role": OpportunityContact._meta.db_table,
    "interview": Interview._meta.db_table, "interviewer": Interview.interviewers.through._meta.db_table,
    "stage": StageChange._meta.db_table, "followup": FollowUp._meta.db_table,
}
# An event's job: its title and company's name, by a join from the row's opportunity_id (alias x).
JOB_JOIN = (f"LEFT JOIN {T['opportunity']} o ON o.id = x.opportunity_id "
            f"LEFT JOIN {T['company']} co ON co.id = o.company_id")


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def names_by_id(sql: str, ids: list[int]) -> dict[int, list[str]]:
    """{id: [names]} from `sql`, whose one %s list is filled with `ids` (and nothing asked when there are none)."""
    names: dict[int, list[str]] = {}
    if ids:
        for key, name in fetch(sql.replace("%s", ", ".join(["%s"] * len(ids))), ids):
            names.setdefault(key, []).append(name)
    return names
