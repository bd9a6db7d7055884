"""Words people write in a "status" column → keepwarm stages.

"No response" and "waiting" stay *applied*, not ghosted: silence is not a no, and keepwarm's follow-ups
exist for exactly those jobs. "On hold" keeps the lead alive (the seed story's job came back from hold).
"""

import re

from keepwarm.jobs.models import Stage
from keepwarm.lib.errors import InputError

EXACT = {
    Stage.SAVED: ["saved", "wishlist", "wish list", "bookmarked", "interested", "to apply", "not applied",
                  "not yet applied", "want to apply", "researching", "todo", "to do", "lead", "new"],
    Stage.APPLIED: ["applied", "waiting", "pending", "submitted", "sent", "no response", "no reply", "no answer yet",
                    "awaiting response", "awaiting", "in review", "under review", "application sent", "in progress",
                    "open", "active", "followed up", "follow up", "heard nothing"],
    Stage.SCREENING: ["screening", "phone screen", "screen", "recruiter call", "recruiter screen", "hr call",
                      "assessment", "take home", "test"],
    Stage.INTERVIEWING: ["interview", "interviewing", "interviewed", "interview scheduled", "first interview",
                         "1st interview", "second interview", "2nd interview", "technical interview"],
    Stage.SHORTLISTED: ["shortlisted", "short listed", "top three", "top 3", "finalist"],
    Stage.FINAL_INTERVIEW: ["final", "final interview", "final round", "onsite", "on site"],
    Stage.OFFER: ["offer", "offered", "offer received", "got an offer", "negotiating"],
    Stage.HIRED: ["hired", "accepted", "offer accepted", "accepted offer", "got the job", "started"],
    Stage.ON_HOLD: ["on hold", "hold", "paused", "postponed", "hiring freeze", "put off", "frozen", "delayed",
                    "hiring paused"],
    Stage.REJECTED: ["rejected", "rejection", "declined", "not selected", "turned down", "no", "denied",
                     "unsuccessful", "position filled", "filled", "closed", "no thanks", "not moving forward"],
    Stage.WITHDRAWN: ["withdrawn", "withdrew", "not interested", "i declined", "declined offer", "passed"],
    Stage.GHOSTED: ["ghosted", "ghost", "dead", "never heard back"],
}
WORD_TO_STAGE = {word: stage for stage, words in EXACT.items() for word in words}
WORD_TO_STAGE.update({stage.value: stage for stage in Stage})
WORD_TO_STAGE.update({stage.label.lower(): stage for stage in Stage})
# Checked in order inside longer phrases ("Rejected after 2nd interview" is a rejection, not an interview).
KEYWORDS = [
    ("withdr", Stage.WITHDRAWN), ("reject", Stage.REJECTED), ("not selected", Stage.REJECTED),
    ("declin", Stage.REJECTED), ("ghost", Stage.GHOSTED), ("on hold", Stage.ON_HOLD), ("hold", Stage.ON_HOLD),
    ("freeze", Stage.ON_HOLD), ("postpon", Stage.ON_HOLD), ("hired", Stage.HIRED), ("accepted", Stage.HIRED),
    ("offer", Stage.OFFER), ("final", Stage.FINAL_INTERVIEW), ("shortlist", Stage.SHORTLISTED),
    ("interview", Stage.INTERVIEWING), ("screen", Stage.SCREENING), ("waiting", Stage.APPLIED),
    ("no response", Stage.APPLIED), ("applied", Stage.APPLIED), ("pending", Stage.APPLIED),
]


def stage_for(raw, *, has_date: bool, record: str = "") -> str:
    text = re.sub(r"[\s_\-]+", " ", str(raw or "")).strip().lower().rstrip(".!")
    if not text:
        return Stage.APPLIED if has_date else Stage.SAVED
    if text in WORD_TO_STAGE:
        return WORD_TO_STAGE[text]
    for word, stage in KEYWORDS:
        if word in text:
            return stage
    raise InputError("status", raw, "unknown status (e.g. waiting, applied, interview, on hold, offer, rejected); "
                     "or map the column to notes with --map", record)
