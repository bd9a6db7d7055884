"""What each figure on the dashboard means. Used by stats.py, the dashboard's help text and `keepwarm stats`.

Kept in one place so the code, the page and the documentation cannot drift apart.
"""

from keepwarm.jobs.models import Stage

# A job counts as an application once it reached any of these stages. "Saved" is not an application, and
# "withdrawn" alone can close a job that was only saved; a withdrawn application still counts through its history.
APPLIED_STAGES = [s.value for s in Stage if s not in (Stage.SAVED, Stage.WITHDRAWN)]

# The funnel: each step is reached when the job ever was in one of its stages or a later step's.
FUNNEL = [
    ("applied", "Applied", APPLIED_STAGES),
    ("interviewing", "Screening / interviewing",
     ["screening", "interviewing", "shortlisted", "final_interview", "offer", "hired"]),
    ("final_interview", "Final interview", ["final_interview", "offer", "hired"]),
    ("offer", "Offer", ["offer", "hired"]),
    ("hired", "Hired", ["hired"]),
]

COLD_DEFAULT_DAYS = 30  # contacts on an active job without a cadence of their own go cold after this long

HELP = {
    "applications": "Jobs that reached Applied or any later stage except Withdrawn alone (from each job's stage "
                    "history; a job created directly in such a stage counts from its creation), by the week of the "
                    "first time they did, in your time zone (ISO weeks, Monday to Sunday).",
    "by_stage": "Every job by the stage it is in now.",
    "funnel": "Of your applications, how many ever reached each step: Screening / interviewing (screening, "
              "interviewing or shortlisted), Final interview, Offer, Hired. Reaching a later step counts for the "
              "earlier ones. Conversion is the share of the step before that went on to this one.",
    "response_rate": "Share of applications from each source that got any inbound touch after applying — a touch "
                     "linked to the job, or from one of the job's contacts.",
    "scam_share": "Share of jobs from each source that a scam check judged a scam.",
    "median_response": "Over the applications that got a response: the median number of days from applying to "
                       "the first inbound touch (linked to the job or from its contacts).",
    "touches": "Touches you logged, by week, outbound (you reached out) and inbound (they did), and by channel.",
    "cold": "Contacts with a keep-in-touch cadence whose last touch — a touch in any channel or an interview held "
            "with them; their creation if neither — is older than "
            f"that cadence; and contacts on an active job without a cadence, after {COLD_DEFAULT_DAYS} days.",
    "interviews": "Interviews not cancelled whose start time has passed (held), and those still to come.",
    "streak": "Consecutive days, in your time zone, with at least one outbound touch, up to today; today counts "
              "once you have reached out, and until then the streak runs to yesterday.",
    "since": "With a start date, applications, touches, interviews and response figures count only what happened "
             "on or after it, and jobs by stage and scam share only jobs created on or after it.",
}
