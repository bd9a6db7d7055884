"""A small hand-built job search with known figures (see test_stats.py for what each one must be).

Times are in America/Chicago (the `owner` persona's zone); `NOW` is Thursday 2026-11-26 12:00, ISO week 48.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction

CHI = ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=CHI)


def at(month, day, hour=10, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=CHI)


def build(user):
    """Create the sample for `user` (contacts are created at their own moments, for `created_at`)."""
    with time_machine.travel(at(10, 1), tick=False):
        jane = create_contact(user, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"],
                              cadence_days=30)
        bob = create_contact(user, "Bob Recruiter", company="Board Co.")
        carl = create_contact(user, "Carl Friend", cadence_days=7)
        dana = create_contact(user, "Dana Quiet", cadence_days=14)  # never touched: cold since Oct 15
        eve = create_contact(user, "Eve Interviewer", company="Sugar Glider Co.")
        finn = create_contact(user, "Finn Hiring", company="Seven Co.")
        gail = create_contact(user, "Gail Panel", company="Sugar Glider Co.")  # only met at an interview

    j1 = create_opportunity(user, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                            contacts=["Jane Doe:hiring_manager", "Eve Interviewer:interviewer", "Gail Panel:other"],
                            at=at(11, 2))
    change_stage(j1, "applied", at=at(11, 3))
    change_stage(j1, "screening", at=at(11, 5))
    change_stage(j1, "interviewing", at=at(11, 10))
    change_stage(j1, "final_interview", at=at(11, 12))
    change_stage(j1, "on_hold", at=at(11, 16), revisit_on=dt.date(2027, 3, 1))
    j2 = create_opportunity(user, "Help desk analyst", company="Board Co.", source="job_board", stage="applied",
                            contacts=["Bob Recruiter:recruiter"], at=at(11, 9, 9))
    change_stage(j2, "rejected", at=at(11, 20))
    create_opportunity(user, "Office manager", company="Board Co.", source="job_board", at=at(11, 10))  # saved
    j4 = create_opportunity(user, "Data analyst", company="Referral Co.", source="referral", stage="applied",
                            at=at(11, 24))
    change_stage(j4, "offer", at=at(11, 25))
    change_stage(j4, "hired", at=at(11, 26, 9))
    j5 = create_opportunity(user, "Warehouse associate", company="Acme", source="craigslist", at=at(11, 1))
    change_stage(j5, "withdrawn", at=at(11, 2))
    # Sunday 21:00 in Chicago is already Monday in UTC: this application belongs to local week 47.
    create_opportunity(user, "IT support", company="Night Co.", source="craigslist", stage="applied",
                       at=at(11, 22, 21))
    j7 = create_opportunity(user, "Junior developer", company="Seven Co.", source="job_board", stage="applied",
                            contacts=["Finn Hiring:hiring_manager"], at=at(11, 23, 8))

    def touch(contacts, channel, direction, when, job=None, network=""):
        return log_interaction(user, contacts, channel=channel, direction=direction, happened_at=when,
                               opportunity=job, network=network, summary=f"{channel} {direction} {when:%m-%d}")

    touch([eve], "phone", "out", at(10, 20))              # W43
    touch([finn], "text", "in", at(11, 1))                # W44 (Sunday), before Finn's job was applied for
    touch([jane], "email", "in", at(11, 4, 9))            # W45: J1's first response, 23 hours after applying
    touch([bob], "email", "in", at(11, 8), j2)            # W45: before J2's application: not a response
    touch([bob], "phone", "in", at(11, 12, 9), j2)        # W46: J2's first response, 3 days after applying
    touch([carl], "email", "in", at(11, 22, 22, 30))      # W47 locally (W48 in UTC); Carl is on no job
    touch([jane], "email", "out", at(11, 24))             # W48
    touch([carl], "phone", "out", at(11, 25))             # W48
    touch([jane], "social", "out", at(11, 26, 8), network="facebook")  # W48, today

    add_interview(j1, at(11, 6), format="phone", interviewers=["Jane Doe"])
    add_interview(j1, at(11, 13), format="on-site", interviewers=["Jane Doe", "Gail Panel"])
    add_interview(j4, at(11, 30), format="video")
    cancelled = add_interview(j2, at(11, 20))
    cancelled.cancelled = True
    cancelled.save()
    return {"jane": jane, "bob": bob, "carl": carl, "dana": dana, "eve": eve, "finn": finn, "gail": gail, "j1": j1, "j2": j2}
